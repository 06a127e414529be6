using System.Globalization;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Compliance.Bench -- --filter '*'   (see bench/README.md)
// dotnet run -c Release --project bench/Compliance.Bench -- sweep-scale ARTIFACTS [RUNS] [estimates]   (bench/sweep-scale.sh)
if (args is ["sweep-scale", var artifacts, ..])
{
    return Compliance.Bench.SweepScale.Run(int.Parse(artifacts, CultureInfo.InvariantCulture),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, args.Contains("estimates"));
}
BenchmarkSwitcher.FromAssembly(typeof(Compliance.Bench.EngineBenchmarks).Assembly).Run(args);
return 0;
