package org.kyodaku.signals.sf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.Collections;

/** A member of a List or Dictionary: an {@link Item} or an {@link InnerList} (RFC 9651 §3.1). */
public sealed interface Member {

  /** The member's parameters. */
  SequencedMap<String, BareItem> params();

  /** An item with parameters (§3.3). */
  record Item(BareItem value, SequencedMap<String, BareItem> params) implements Member {
    public Item {
      params = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(params));
    }

    public static Item of(BareItem value) {
      return new Item(value, new LinkedHashMap<>());
    }
  }

  /** An inner list with parameters (§3.1.1). */
  record InnerList(List<Item> items, SequencedMap<String, BareItem> params) implements Member {
    public InnerList {
      items = List.copyOf(items);
      params = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(params));
    }
  }
}
