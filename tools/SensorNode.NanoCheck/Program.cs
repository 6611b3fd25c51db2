using SensorNode.NanoCheck;

return NanoCheckCommand.Run(args, Console.Out, Console.Error);
