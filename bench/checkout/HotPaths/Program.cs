using BenchmarkDotNet.Running;

// The checkout's hot paths against the peer they replaced, measured in the same run:
//   dotnet run -c Release --project bench/checkout/HotPaths -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
