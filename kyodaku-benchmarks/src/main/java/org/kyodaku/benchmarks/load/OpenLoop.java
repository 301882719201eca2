package org.kyodaku.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP/1.1 load generator on one thread, designed as wrk2 is: request {@code i} falls
 * due at {@code start + i / rate} whatever happened to the earlier ones, goes out on the first idle
 * one of a fixed set of keep-alive connections (waiting for one when all are busy), and its latency
 * is taken from its due instant to the last byte of its answer, so that a stall is charged to every
 * request it delayed.
 *
 * <p>Why not {@link java.net.http.HttpClient}: at 1,000 requests/s it spent 0.6 of this machine's
 * two cores and paused up to 180 ms in its own garbage collections, and every such pause was
 * measured as server latency. Here the requests are encoded once, the buffers are reused, and the
 * loop allocates nothing per request, so the client's share of the two cores stays small and its
 * own pauses do not appear in the figures. The connections are all opened before the clock starts:
 * opening them on demand made a slow moment snowball into a connection storm.
 */
final class OpenLoop {
  /** What one request brought back; {@code allowed} is whether its body said so. */
  interface Sink {
    void answered(int index, long latencyNanos, int status, boolean allowed);

    void failed(int index, String why);
  }

  private static final byte[] ALLOW = "\"decision\":\"allow\"".getBytes(StandardCharsets.US_ASCII);

  private final Selector selector;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final List<Connection> all = new ArrayList<>();

  OpenLoop(InetSocketAddress server, int connections) throws IOException {
    this.selector = Selector.open();
    for (int i = 0; i < connections; i++) {
      SocketChannel channel = SocketChannel.open(server);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      Connection c = new Connection(channel);
      channel.register(selector, SelectionKey.OP_READ, c);
      all.add(c);
      idle.add(c);
    }
  }

  /**
   * Sends {@code count} requests, request {@code i} being {@code requests.get(i % size)}, due at
   * {@code start + i * 1e9 / rate}. Returns how many were sent: fewer when more than {@code
   * maxWaiting} due requests were waiting for a connection at once (the server is overloaded). Waits
   * for the open answers up to {@code drainNanos} before returning.
   */
  int run(List<byte[]> requests, int rate, int count, long start, int maxWaiting, long drainNanos, Sink sink)
      throws IOException {
    double period = 1e9 / rate;
    int sent = 0;
    while (sent < count && !all.isEmpty()) {
      long now = System.nanoTime();
      // Requests [sent, due) are due; send as many as there are idle connections.
      int due = now < start ? 0 : (int) Math.min(count, (now - start) / period + 1);
      if (due - sent > maxWaiting) {
        break;
      }
      while (sent < due && !idle.isEmpty()) {
        idle.poll().send(sent, start + (long) (sent * period), requests.get(sent % requests.size()));
        sent++;
      }
      long wait = sent < due ? 1_000_000L : start + (long) (due * period) - now;
      poll(Math.max(0, wait), sink);
    }
    long until = System.nanoTime() + drainNanos;
    while (idle.size() < all.size() && System.nanoTime() < until) {
      poll(Math.min(until - System.nanoTime(), 10_000_000L), sink);
    }
    return sent;
  }

  /** Reads what has arrived, waiting at most {@code nanos} for it. */
  private void poll(long nanos, Sink sink) throws IOException {
    // select() has millisecond resolution: wait with it only for whole milliseconds, and spin the
    // last stretch with short parks so that sends are not late by up to a millisecond.
    int ready = nanos >= 2_000_000L ? selector.select(nanos / 1_000_000L - 1) : selector.selectNow();
    if (ready == 0 && nanos < 2_000_000L) {
      LockSupport.parkNanos(Math.min(nanos, 50_000L));
      return;
    }
    var keys = selector.selectedKeys();
    for (SelectionKey key : keys) {
      ((Connection) key.attachment()).readable(sink);
    }
    keys.clear();
  }

  void close() throws IOException {
    for (Connection c : all) {
      c.channel.close();
    }
    selector.close();
  }

  /** One keep-alive connection carrying one request at a time. */
  private final class Connection {
    final SocketChannel channel;
    final ByteBuffer in = ByteBuffer.allocate(1 << 16);
    int index = -1;
    long due;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void send(int index, long due, byte[] request) throws IOException {
      this.index = index;
      this.due = due;
      ByteBuffer out = ByteBuffer.wrap(request);
      while (out.hasRemaining()) {
        if (channel.write(out) == 0) {
          Thread.onSpinWait();
        }
      }
    }

    void readable(Sink sink) throws IOException {
      int n;
      try {
        n = channel.read(in);
      } catch (IOException e) {
        fail(sink, "read failed: " + e.getMessage());
        return;
      }
      if (n < 0) {
        fail(sink, "the server closed the connection");
        return;
      }
      int end = complete();
      if (end < 0) {
        if (!in.hasRemaining()) {
          fail(sink, "an answer larger than " + in.capacity() + " bytes");
        }
        return;
      }
      long now = System.nanoTime();
      int status = status();
      boolean allowed = contains(in.array(), end, ALLOW);
      int finished = index;
      index = -1;
      in.clear();
      idle.add(this);
      sink.answered(finished, now - due, status, allowed);
    }

    private void fail(Sink sink, String why) throws IOException {
      if (index >= 0) {
        sink.failed(index, why);
      }
      channel.close();
      all.remove(this);
      idle.remove(this);
    }

    /** The end of a complete answer in {@code in}, or -1 while it is still arriving. */
    private int complete() {
      byte[] b = in.array();
      int length = in.position();
      int head = indexOf(b, 0, length, CRLFCRLF);
      if (head < 0) {
        return -1;
      }
      int bodyStart = head + 4;
      int contentLength = headerInt(b, head, "content-length");
      if (contentLength >= 0) {
        return length >= bodyStart + contentLength ? bodyStart + contentLength : -1;
      }
      // chunked: the answer ends with the zero-length chunk
      return indexOf(b, bodyStart, length, LAST_CHUNK) >= 0 ? length : -1;
    }

    private int status() {
      byte[] b = in.array();
      // "HTTP/1.1 200 ..."
      return (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
  private static final byte[] LAST_CHUNK = {'\r', '\n', '0', '\r', '\n', '\r', '\n'};

  /** The value of header {@code name} (lower case) as a number, or -1 when absent. */
  private static int headerInt(byte[] b, int headEnd, String name) {
    int line = 0;
    while (line < headEnd) {
      int eol = indexOf(b, line, headEnd + 2, CRLF);
      if (eol < 0) {
        break;
      }
      if (eol - line > name.length() && b[line + name.length()] == ':' && startsWithIgnoringCase(b, line, name)) {
        int v = 0;
        for (int i = line + name.length() + 1; i < eol; i++) {
          if (b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
          }
        }
        return v;
      }
      line = eol + 2;
    }
    return -1;
  }

  private static boolean startsWithIgnoringCase(byte[] b, int at, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      if (Character.toLowerCase((char) b[at + i]) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(byte[] b, int length, byte[] needle) {
    return indexOf(b, 0, length, needle) >= 0;
  }

  private static int indexOf(byte[] b, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** One HTTP/1.1 GET of {@code path}, as bytes. */
  static byte[] get(InetSocketAddress server, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code request} as the bytes of one HTTP/1.1 POST with a JSON body. */
  static byte[] post(InetSocketAddress server, String path, String token, byte[] body) {
    String head =
        "POST " + path + " HTTP/1.1\r\n"
            + "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n"
            + "Authorization: Bearer " + token + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + body.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }
}
