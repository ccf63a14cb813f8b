package dev.vigil;

import dev.vigil.cli.AlertCommand;
import dev.vigil.cli.BenchCommand;
import dev.vigil.cli.DatasetCommand;
import dev.vigil.cli.DetectCommand;
import dev.vigil.cli.HookCommand;
import dev.vigil.cli.InferenceCommand;
import dev.vigil.cli.IngestCommand;
import dev.vigil.cli.LabelGroupCommand;
import dev.vigil.cli.ModelCommand;
import dev.vigil.cli.ServerCommand;
import dev.vigil.cli.TokenCommand;
import dev.vigil.cli.UserCommand;
import dev.vigil.engine.VigilException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command: the entry point of the jar and of the {@code ./vigil} launcher. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    version = "Vigil 0.1.0",
    description = "Multivariate anomaly detection for industrial equipment.",
    subcommands = {
      ServerCommand.class,
      DatasetCommand.class,
      IngestCommand.class,
      ModelCommand.class,
      InferenceCommand.class,
      HookCommand.class,
      AlertCommand.class,
      LabelGroupCommand.class,
      UserCommand.class,
      TokenCommand.class,
      DetectCommand.class,
      BenchCommand.class
    })
public final class Vigil implements Runnable {
  /** Exit code of a command that failed on its input (bad file, bad data). */
  public static final int EXIT_FAILED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with Vigil's error handling: a failure the user can fix prints its message
   * alone, as {@code vigil: <message>}; anything else prints its stack trace too, because it is a
   * bug to report.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Vigil());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof VigilException
              || exception instanceof IOException
              || exception instanceof UncheckedIOException) {
            cmd.getErr().println("vigil: " + exception.getMessage());
          } else {
            exception.printStackTrace(cmd.getErr());
          }
          cmd.getErr().flush();
          return EXIT_FAILED;
        });
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine cmd = exception.getCommandLine();
          cmd.getErr().println(exception.getMessage());
          cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
          cmd.getErr().flush();
          return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
