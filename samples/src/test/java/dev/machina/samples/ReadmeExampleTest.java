package dev.machina.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.net.TcpListener;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README honest: its first Java example is compiled with javac and the processor on the
 * processor path, exactly as a user would, and the generated server is run and answered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeExampleTest {
  @Test
  void theReadmeEchoServerCompilesAndEchoes(@TempDir Path dir) throws Throwable {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher java = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(java.find(), "README has a java example");
    Path src = Files.createDirectories(dir.resolve("src"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(src.resolve("Echo.java"), java.group(1));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = System.getProperty("java.class.path");
    int status = javac.run(null, null, null, "--release", "17",
        "-classpath", classpath, "-processorpath", classpath,
        "-d", out.toString(), "-s", out.toString(), src.resolve("Echo.java").toString());
    assertTrue(status == 0, "javac failed on the README example");
    assertTrue(Files.exists(out.resolve("EchoAsync.java")), "the processor generated EchoAsync");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
        ReadmeExampleTest.class.getClassLoader())) {
      Method serve = loader.loadClass("EchoAsync").getMethod("serve", TcpListener.class);
      TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      InetSocketAddress address = listener.localAddress();
      JoinHandle<?> serving = Machina.spawn((Future<?>) serve.invoke(null, listener));
      try (Socket client = new Socket(address.getAddress(), address.getPort())) {
        client.setSoTimeout(30_000);
        byte[] ping = "ping from the README".getBytes(StandardCharsets.UTF_8);
        client.getOutputStream().write(ping);
        assertArrayEquals(ping, client.getInputStream().readNBytes(ping.length));
      } finally {
        serving.cancel();
        listener.close();
      }
    }
  }
}
