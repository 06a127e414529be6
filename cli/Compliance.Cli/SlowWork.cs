using Spectre.Console;

namespace Compliance.Cli;

/// <summary>
/// Runs a computation that reports how much of it is done, and shows a progress bar on a terminal only once it has
/// taken more than a second: a small portfolio answers without flicker, a large one shows it is moving.
/// </summary>
internal static class SlowWork
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    public static T Run<T>(string label, int total, Func<IProgress<int>, T> work)
    {
        var done = new DoneCount();
        var task = Task.Run(() => work(done));
        // Waiting on the handle, not Task.Wait, so a failure surfaces once, unwrapped, from GetResult.
        bool Finished(TimeSpan wait) => ((IAsyncResult)task).AsyncWaitHandle.WaitOne(wait);
        if (Console.IsOutputRedirected || Finished(Patience))
        {
            return task.GetAwaiter().GetResult();
        }
        Terminal.Out.Progress().Start(progress =>
        {
            var bar = progress.AddTask(label, maxValue: total);
            while (!Finished(TimeSpan.FromMilliseconds(100)))
            {
                bar.Value = done.Value;
            }
            bar.Value = total;
        });
        return task.GetAwaiter().GetResult();
    }

    // Progress<T> would post each report to the thread pool; the bar only needs the latest count.
    private sealed class DoneCount : IProgress<int>
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Report(int value) => Volatile.Write(ref _value, value);
    }
}
