package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil ingest}: starts an ingestion job that reads CSV files from the object store into a
 * dataset, and shows ingestion jobs.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Start an ingestion job: read the CSV files under s3://BUCKET/PREFIX into a dataset."
          + " Prints the job's id; with --wait, follows the job until it ends.",
      "'vigil ingest status JOB_ID' and 'vigil ingest list' show jobs."
    },
    subcommands = {IngestCommand.Status.class, IngestCommand.ListJobs.class})
public final class IngestCommand implements Callable<Integer> {
  static final String PATH = "/api/v1/ingestion-jobs";

  @Spec CommandSpec spec;
  @Mixin ApiOptions api;

  // Not required=true: picocli would then demand them before 'status' and 'list' too.
  @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset to ingest into.")
  String dataset;

  @Option(names = "--bucket", paramLabel = "BUCKET", description = "The bucket to read.")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "Read the objects whose keys start with PREFIX.")
  String prefix;

  @Option(
      names = "--key-pattern",
      paramLabel = "PATTERN",
      description = "Only the keys matching PATTERN, e.g. '{prefix}/{component}/*'.")
  String keyPattern;

  @Option(
      names = "--wait",
      description =
          "Follow the job, showing its progress on stderr, until it ends; exit 1 if it fails.")
  boolean waitForJob;

  @Override
  public Integer call() {
    for (String[] required :
        new String[][] {{"--dataset", dataset}, {"--bucket", bucket}, {"--prefix", prefix}}) {
      if (required[1] == null) {
        throw new ParameterException(
            spec.commandLine(), "Missing required option: '" + required[0] + "'");
      }
    }
    ObjectNode body = ApiOptions.mapper().createObjectNode();
    body.put("datasetName", dataset);
    ObjectNode input = body.putObject("input");
    input.put("bucket", bucket);
    input.put("prefix", prefix);
    if (keyPattern != null) {
      input.put("keyPattern", keyPattern);
    }
    JsonNode job = api.client().post(PATH, body);
    String id = job.path("id").asText();
    PrintWriter out = spec.commandLine().getOut();
    if (!api.json()) {
      out.println(id);
      out.flush();
    }
    if (waitForJob) {
      PrintWriter err = spec.commandLine().getErr();
      job = api.await("ingestion job " + id, job, () -> api.client().get(path(id)), err);
      err.println(summary(job));
      err.flush();
    }
    if (api.json()) {
      api.printJson(out, job);
    }
    return 0;
  }

  static String path(String id) {
    return PATH + "/" + ApiClient.encode(id);
  }

  private static String summary(JsonNode job) {
    long rows = 0;
    int files = 0;
    for (JsonNode file : job.path("ingestedFiles")) {
      files++;
      rows += file.path("rows").asLong();
    }
    return "ingested "
        + files
        + (files == 1 ? " file, " : " files, ")
        + rows
        + (rows == 1 ? " row" : " rows")
        + " into "
        + job.path("datasetName").asText("?");
  }

  /** {@code vigil ingest status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show an ingestion job: status, progress, files read, data quality.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "JOB_ID", description = "The job's id, as 'vigil ingest' printed it.")
    String id;

    @Override
    public Integer call() {
      JsonNode job = api.client().get(path(id));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, job);
        return 0;
      }
      JsonNode input = job.path("input");
      String source =
          "s3://" + input.path("bucket").asText("?") + "/" + input.path("prefix").asText("");
      if (input.hasNonNull("keyPattern")) {
        source += " (keys matching " + input.path("keyPattern").asText() + ")";
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Id", Render.text(job, "id"));
      fields.put("Dataset", Render.text(job, "datasetName"));
      fields.put("Status", Render.text(job, "status"));
      fields.put("Progress", Render.percent(job.get("progress")));
      fields.put("Failed reason", Render.text(job, "failedReason"));
      fields.put("Input", source);
      fields.put("Created", Render.text(job, "createdAt"));
      fields.put("Updated", Render.text(job, "updatedAt"));
      fields.put("Data", Render.range(job.get("dataStart"), job.get("dataEnd")));
      Table.fields(out, fields);
      JsonNode files = job.path("ingestedFiles");
      if (files.isArray() && !files.isEmpty()) {
        out.println();
        Table table = new Table("FILE", "ROWS");
        for (JsonNode file : files) {
          table.add(Render.text(file, "key"), Render.text(file, "rows"));
        }
        table.print(out);
      }
      Render.dataQuality(out, job.get("dataQuality"));
      Render.sensorStatistics(out, job.get("sensorStatistics"));
      out.flush();
      return 0;
    }
  }

  /** {@code vigil ingest list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List ingestion jobs, of all datasets or of one.")
  static final class ListJobs implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Only this dataset's jobs.")
    String dataset;

    @Override
    public Integer call() {
      String path = dataset == null ? PATH : PATH + "?datasetName=" + ApiClient.encode(dataset);
      JsonNode answer = api.client().get(path);
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table = new Table("ID", "DATASET", "STATUS", "PROGRESS", "CREATED", "UPDATED");
      for (JsonNode job : answer.path("jobs")) {
        table.add(
            Render.text(job, "id"),
            Render.text(job, "datasetName"),
            Render.text(job, "status"),
            Render.percent(job.get("progress")),
            Render.text(job, "createdAt"),
            Render.text(job, "updatedAt"));
      }
      table.printOr(out, "no ingestion jobs");
      return 0;
    }
  }
}
