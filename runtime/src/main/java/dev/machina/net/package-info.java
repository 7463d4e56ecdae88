/**
 * Asynchronous TCP and UDP on the runtime's reactor: {@link dev.machina.net.TcpListener},
 * {@link dev.machina.net.TcpStream} and {@link dev.machina.net.UdpSocket}.
 *
 * <p>Every operation is a lazy future: awaiting it tries the socket at once and suspends the task
 * only when the socket would block; the reactor wakes the task when the socket is ready. Errors
 * (refused, reset, broken pipe, closed) are the JDK's {@link java.io.IOException}s, thrown from
 * {@code await}. Which operations are safe to cancel is written on each class; in short: reads,
 * single writes, accepts, sends and receives are; {@code writeAll} may have sent a prefix.
 *
 * <p>A socket joins the reactor of the runtime that first awaits one of its operations that has
 * to wait. Shutting that runtime down fails its pending operations with an IOException and
 * closes those sockets.
 */
package dev.machina.net;
