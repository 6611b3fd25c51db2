using SensorNode.Cli;

// sensornode <command> [options]: the host tools of SensorNode, one program.
return CommandLine.Dispatch(args, Console.Out, Console.Error);
