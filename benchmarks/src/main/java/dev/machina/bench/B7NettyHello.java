package dev.machina.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * The Netty peer of B7: an HTTP/1.1 hello server on NIO with one event-loop group of two threads
 * (accepting and serving), Netty's HTTP codec, and a flush per read batch.
 * {@code java -cp benchmarks.jar dev.machina.bench.B7NettyHello [port]}
 */
public final class B7NettyHello {
  private static final ByteBuf CONTENT =
      Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(HelloResponse.BODY));
  private static final HttpHeaders HEADERS =
      new DefaultHttpHeaders()
          .add(HttpHeaderNames.CONTENT_TYPE, "text/plain")
          .add(HttpHeaderNames.CONTENT_LENGTH, HelloResponse.BODY.length);

  private B7NettyHello() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
    EventLoopGroup group = new NioEventLoopGroup(Jvm.WORKERS);
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 4096)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(new HttpServerCodec(), new Hello());
                    }
                  });
      io.netty.channel.Channel server = bootstrap.bind("127.0.0.1", port).sync().channel();
      System.out.println("B7 netty listening on 127.0.0.1:" + port);
      server.closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }

  /** Answers every request with the hello response; flushes once per read batch. */
  private static final class Hello extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpRequest) {
          ctx.write(
              new DefaultFullHttpResponse(
                  HttpVersion.HTTP_1_1,
                  HttpResponseStatus.OK,
                  CONTENT.duplicate(),
                  HEADERS,
                  EmptyHttpHeaders.INSTANCE));
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
