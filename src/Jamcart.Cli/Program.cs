using Jamcart.Cli;

return await JamcartCommand.RunAsync(args);
