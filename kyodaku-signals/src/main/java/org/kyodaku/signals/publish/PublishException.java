package org.kyodaku.signals.publish;

/** A grant record that cannot be published; the message names the field and quotes the value. */
public final class PublishException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  PublishException(String message) {
    super(message);
  }
}
