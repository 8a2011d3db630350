package dev.parallax.server;

import dev.parallax.Server;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Set;

/**
 * The HTTP side of a connection, before any upgrade: a {@code GET} on the configured path asking
 * for a WebSocket is answered with the handshake, and this handler is replaced by the
 * connection's {@link SessionEndpoint}; any other request goes on down the pipeline (static
 * files, or a 404). The path is matched without its query; {@code "/x/*"} matches every path
 * under {@code /x/} and {@code "/*"} every path.
 *
 * <p>One per connection, used on its event loop only.
 */
final class UpgradeHandler extends ChannelInboundHandlerAdapter {
  private final Server parallax;
  private final WebSocketOptions options;
  private final Set<SessionEndpoint> live;
  private final WebSocketServerHandshakerFactory handshakers;

  UpgradeHandler(Server parallax, WebSocketOptions options, Set<SessionEndpoint> live) {
    this.parallax = parallax;
    this.options = options;
    this.live = live;
    WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength((int) options.getMaxMessageBytes())
        .allowExtensions(true) // permessage-deflate, as browsers and Node's ws offer it
        .expectMaskedFrames(true)
        .closeOnProtocolViolation(false) // SessionEndpoint closes (1009, 1002), gracefully
        .build();
    this.handshakers = new WebSocketServerHandshakerFactory("/", null, decoder);
  }

  static boolean pathMatches(String pattern, String uri) {
    String path = new QueryStringDecoder(uri).path();
    if (pattern.endsWith("/*")) {
      return path.startsWith(pattern.substring(0, pattern.length() - 1)) || path.equals(pattern.substring(0, pattern.length() - 2));
    }
    return path.equals(pattern);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req) || !isUpgrade(req)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      WebSocketServerHandshaker handshaker = handshakers.newHandshaker(req);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
        return;
      }
      // The handshake swaps the HTTP codec for the WebSocket one; frames then reach the endpoint.
      ctx.pipeline().replace(this, "parallax-session", new SessionEndpoint(parallax, options, live, handshaker));
      handshaker.handshake(ctx.channel(), req);
    } finally {
      req.release();
    }
  }

  private boolean isUpgrade(FullHttpRequest req) {
    return req.method() == HttpMethod.GET
        && HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))
        && pathMatches(options.getPath(), req.uri());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }
}
