using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Compliance.Bench -- --filter '*'   (see bench/README.md)
BenchmarkSwitcher.FromAssembly(typeof(Compliance.Bench.EngineBenchmarks).Assembly).Run(args);
