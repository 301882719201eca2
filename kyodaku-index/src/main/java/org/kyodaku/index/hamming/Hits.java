package org.kyodaku.index.hamming;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Growable (position, distance) pairs collected by a search kernel, turned into {@link Match}es
 * through an id column at the end, so kernels never allocate per candidate.
 */
final class Hits {
  private int[] positions = new int[16];
  private int[] distances = new int[16];
  private int size;

  void add(int position, int distance) {
    if (size == positions.length) {
      positions = Arrays.copyOf(positions, size * 2);
      distances = Arrays.copyOf(distances, size * 2);
    }
    positions[size] = position;
    distances[size] = distance;
    size++;
  }

  int size() {
    return size;
  }

  /** Matches for the collected positions, ids looked up in {@code ids}, in {@link Match} order. */
  List<Match> toMatches(LongBuffer ids) {
    List<Match> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new Match(ids.get(positions[i]), distances[i]));
    }
    out.sort(Match.ORDER);
    return out;
  }

  /** The {@code k} smallest of {@code lists} (each already in {@link Match} order). */
  static List<Match> smallest(List<List<Match>> lists, int k) {
    PriorityQueue<Match> worstFirst = new PriorityQueue<>(Match.ORDER.reversed());
    for (List<Match> list : lists) {
      for (Match m : list) {
        if (worstFirst.size() < k) {
          worstFirst.add(m);
        } else if (Match.ORDER.compare(m, worstFirst.peek()) < 0) {
          worstFirst.poll();
          worstFirst.add(m);
        } else {
          break; // the list is sorted: nothing later in it can enter
        }
      }
    }
    List<Match> out = new ArrayList<>(worstFirst);
    out.sort(Match.ORDER);
    return out;
  }
}
