package org.kyodaku.signals.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A body subscriber that keeps at most {@code cap} bytes. Past the cap it cancels the subscription
 * (which closes the connection, so a huge or endless body costs no more than the cap) and either
 * keeps the first {@code cap} bytes ({@code cut} allowed) or answers "too large". A declared
 * {@code Content-Length} over the cap is refused before any byte is read.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Body> {

  /** What was read. {@code tooLarge} only when cutting is not allowed. */
  record Body(byte[] bytes, boolean truncated, boolean tooLarge) {}

  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final long cap;
  private final boolean cut;
  private final OptionalLong declared;
  private Flow.@Nullable Subscription subscription;

  CappedBody(long cap, boolean cut, OptionalLong declared) {
    this.cap = cap;
    this.cut = cut;
    this.declared = declared;
    if (refusedUnread()) {
      // Answer at once: the client may not subscribe before body bytes arrive, which a huge body
      // may delay for as long as the server likes.
      result.complete(new Body(new byte[0], false, true));
    }
  }

  private boolean refusedUnread() {
    return !cut && declared.isPresent() && declared.getAsLong() > cap;
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (refusedUnread()) {
      s.cancel();
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      long room = cap - out.size();
      int n = b.remaining();
      if (n > room) {
        byte[] part = new byte[(int) room];
        b.get(part);
        out.writeBytes(part);
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
        result.complete(cut
            ? new Body(out.toByteArray(), true, false)
            : new Body(new byte[0], false, true));
        return;
      }
      byte[] all = new byte[n];
      b.get(all);
      out.writeBytes(all);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(out.toByteArray(), false, false));
  }
}
