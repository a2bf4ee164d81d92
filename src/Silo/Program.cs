using OrleansEci.Silo.Hosting;
using OrleansEci.Silo.Sandbox;

if (args.Length > 0 && args[0] == "sandbox")
{
    return await SandboxCommand.RunAsync(args[1..]);
}

await SiloHost.Build(args).RunAsync();
return 0;
