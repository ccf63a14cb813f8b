package dev.vigil.cli;

import dev.vigil.engine.VigilException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the CLI finds the API token it sends, first found first: the {@code --token} option, the
 * {@code VIGIL_TOKEN} environment variable, then the first line of the token file, {@code
 * $XDG_CONFIG_HOME/vigil/token}, by default {@code ~/.config/vigil/token}. {@code vigil token
 * create --save} writes that file, readable by its owner only. Stateless and thread-safe.
 */
final class TokenFile {
  /** The environment variable holding the token. */
  static final String ENVIRONMENT = "VIGIL_TOKEN";

  private TokenFile() {}

  /**
   * The token to send, or null when there is none.
   *
   * @param option the {@code --token} option, or null
   */
  static String find(String option, Map<String, String> environment) {
    if (option != null && !option.isBlank()) {
      return option.strip();
    }
    String fromEnvironment = environment.get(ENVIRONMENT);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    Path file = path(environment);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          return line.strip();
        }
      }
      return null;
    } catch (IOException e) {
      throw new VigilException("cannot read the API token in " + file + ": " + e.getMessage(), e);
    }
  }

  /** The token file: {@code $XDG_CONFIG_HOME/vigil/token}, by default under {@code ~/.config}. */
  static Path path(Map<String, String> environment) {
    String config = environment.get("XDG_CONFIG_HOME");
    Path base =
        config != null && !config.isBlank()
            ? Path.of(config)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("vigil").resolve("token");
  }

  /** The token file as messages name it. */
  static String describe() {
    return path(System.getenv()).toString();
  }

  /** Writes {@code token} to the token file, readable and writable by its owner only. */
  static Path save(String token, Map<String, String> environment) {
    Path file = path(environment);
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (posix) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new VigilException("cannot write the API token to " + file + ": " + e.getMessage(), e);
    }
  }
}
