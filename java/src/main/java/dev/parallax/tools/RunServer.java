package dev.parallax.tools;

import dev.parallax.Client;
import dev.parallax.DataFormat;
import dev.parallax.Parallax;
import dev.parallax.Server;
import dev.parallax.TableOptions;
import dev.parallax.server.StaticFiles;
import dev.parallax.server.WebSocketOptions;
import dev.parallax.server.WebSocketServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/run [--port N] [--host H] [--table name=path.csv|.arrow|.json|.ndjson]...
 * [--no-demo] [--web DIR] [--tick-ms N]}: a Parallax server with the live demo table
 * {@code trades} (see {@link TradesTicker}) and any tables given, served over
 * {@code ws://HOST:PORT/websocket}, plus the page {@code web/index.html} (a
 * {@code <perspective-viewer>} 3.8.0 with the datagrid and d3fc plugins, loaded from
 * {@code web/node_modules}) at {@code http://HOST:PORT/}.
 *
 * <p>Prints {@code [parallax] listening on http://...} once ready; stops on Ctrl-C.
 */
public final class RunServer {
  private RunServer() {}

  public static void main(String[] args) throws Exception {
    int port = 8080;
    String host = "127.0.0.1";
    boolean demo = true;
    long tickMs = 200;
    Path web = Path.of("web");
    List<String[]> tables = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--host" -> host = args[++i];
        case "--no-demo" -> demo = false;
        case "--tick-ms" -> tickMs = Long.parseLong(args[++i]);
        case "--web" -> web = Path.of(args[++i]);
        case "--table" -> {
          String spec = args[++i];
          int eq = spec.indexOf('=');
          if (eq <= 0) {
            usage("--table takes name=path, got " + spec);
          }
          tables.add(new String[] {spec.substring(0, eq), spec.substring(eq + 1)});
        }
        default -> usage("unknown argument " + args[i]);
      }
    }
    Server parallax = new Server();
    Client client = parallax.newLocalClient();
    for (String[] t : tables) {
      load(client, t[0], Path.of(t[1]));
    }
    TradesTicker ticker = demo ? TradesTicker.start(client, tickMs) : null;

    WebSocketServer ws = WebSocketServer.start(parallax, host, port, WebSocketOptions.defaults(), new StaticFiles(web));
    String url = "http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + ws.port() + "/";
    System.out.printf(Locale.ROOT, "[parallax] Parallax %s, %d engine threads%n", Parallax.version(), Parallax.numCpus());
    System.out.printf(Locale.ROOT, "[parallax] tables: %s%n", parallax.getHostedTableNames());
    System.out.printf(Locale.ROOT, "[parallax] listening on %s (WebSocket %swebsocket)%n", url, url.replace("http", "ws"));
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ws.close();
      if (ticker != null) {
        ticker.close();
      }
      parallax.close();
    }));
    new java.util.concurrent.CountDownLatch(1).await(); // until Ctrl-C
  }

  private static void load(Client client, String name, Path path) throws IOException {
    String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
    TableOptions.Builder o = TableOptions.builder().name(name);
    Object data;
    if (file.endsWith(".arrow") || file.endsWith(".feather") || file.endsWith(".ipc")) {
      data = Files.readAllBytes(path);
    } else {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      if (file.endsWith(".json")) {
        o.format(text.stripLeading().startsWith("{") ? DataFormat.COLUMNS : DataFormat.JSON);
      } else if (file.endsWith(".ndjson") || file.endsWith(".jsonl")) {
        o.format(DataFormat.NDJSON);
      } else if (!file.endsWith(".csv")) {
        usage("unknown table format: " + path + " (use .csv, .arrow, .json or .ndjson)");
      }
      data = text;
    }
    client.table(data, o.build());
    System.out.printf(Locale.ROOT, "[parallax] loaded %s from %s%n", name, path);
  }

  private static void usage(String problem) {
    System.err.println("scripts/run: " + problem);
    System.err.println("usage: scripts/run [--port N] [--host H] [--table name=path.csv|.arrow|.json|.ndjson]... [--no-demo] [--web DIR] [--tick-ms N]");
    System.exit(2);
  }
}
