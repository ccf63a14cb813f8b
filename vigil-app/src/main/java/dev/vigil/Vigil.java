package dev.vigil;

import dev.vigil.cli.BenchCommand;
import dev.vigil.cli.DetectCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command: the entry point of the jar and of the {@code ./vigil} launcher. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    version = "Vigil 0.1.0",
    description = "Multivariate anomaly detection for industrial equipment.",
    subcommands = {DetectCommand.class, BenchCommand.class})
public final class Vigil implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Vigil()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
