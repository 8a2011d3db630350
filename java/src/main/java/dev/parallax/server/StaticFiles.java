package dev.parallax.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the files under one folder to {@code GET} and {@code HEAD} requests (a
 * {@code FullHttpRequest} handler, e.g. the {@code otherRequests} of
 * {@link ParallaxWebSocket#initializer}): {@code /} and folders give their {@code index.html};
 * paths leaving the folder, hidden files and missing files give 404, other methods 405. The
 * content type comes from the extension ({@code .wasm} is {@code application/wasm}, as
 * streaming WebAssembly compilation requires). Files are read whole per request: meant for a
 * page and its assets, not for large downloads.
 *
 * <p>Stateless and {@code @Sharable}: one instance may serve every connection.
 */
@Sharable
public final class StaticFiles extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** Answers every request with 404. */
  static final StaticFiles NOT_FOUND = new StaticFiles(null);

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"),
      Map.entry("map", "application/json"), Map.entry("wasm", "application/wasm"),
      Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
      Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("csv", "text/csv; charset=utf-8"),
      Map.entry("arrow", "application/vnd.apache.arrow.file"), Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"));

  private final Path root;

  /** Serves {@code root} (made absolute and normalised once). */
  public StaticFiles(Path root) {
    this.root = root == null ? null : root.toAbsolutePath().normalize();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, null, null);
      return;
    }
    Path file = resolve(req.uri());
    if (file == null) {
      respond(ctx, req, HttpResponseStatus.NOT_FOUND, null, null);
      return;
    }
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (IOException e) {
      respond(ctx, req, HttpResponseStatus.NOT_FOUND, null, null);
      return;
    }
    String name = file.getFileName().toString();
    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    respond(ctx, req, HttpResponseStatus.OK, body, TYPES.getOrDefault(ext, "application/octet-stream"));
  }

  /** The regular file a request path names under the root, or null. */
  private Path resolve(String uri) {
    if (root == null) {
      return null;
    }
    String path;
    try {
      path = new QueryStringDecoder(uri, StandardCharsets.UTF_8).path();
    } catch (IllegalArgumentException e) {
      return null;
    }
    Path file = root;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.startsWith(".") || part.indexOf('\\') >= 0 || part.indexOf('\0') >= 0) {
        return null; // "..", hidden files, and anything that is not a plain name
      }
      file = file.resolve(part);
    }
    file = file.normalize();
    if (!file.startsWith(root)) {
      return null;
    }
    if (Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    return Files.isRegularFile(file) ? file : null;
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, byte[] body, String type) {
    byte[] content = body != null ? body : (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8);
    boolean head = req.method() == HttpMethod.HEAD;
    FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), status,
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, type != null ? type : "text/plain; charset=utf-8");
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    HttpUtil.setKeepAlive(res, keepAlive);
    ChannelFuture f = ctx.writeAndFlush(res);
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
