package org.kyodaku.fingerprint.iscc;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The composite ISCC-CODE v0 (ISO 24138; iscc-core {@code iscc_code.py}): several units behind
 * one header.
 *
 * <ol>
 *   <li>Input: two or more units, each at least 64 bits; a Data-Code and an Instance-Code are
 *       required, Meta, Semantic and Content are optional, at most one of each.
 *   <li>Sort the units by MainType (Meta, Semantic, Content, Data, Instance).
 *   <li>Length field: the index of the optional units present in {@link IsccCodec#UNIT_SETS}.
 *   <li>SubType: the SubType of the Semantic/Content unit (they must agree); without one, SUM (5)
 *       for exactly Data+Instance, otherwise NONE (6).
 *   <li>Body: the first 64 bits of each unit's body, in sorted order.
 *   <li>Wide variant (asked for explicitly): exactly a Data- and an Instance-Code of at least 128
 *       bits each give SubType WIDE (7) and their first 128 bits each. Without those units the
 *       request falls back to the standard composite, as in the reference.
 * </ol>
 */
final class CompositeCode {
  private CompositeCode() {}

  static IsccCode generate(List<IsccCode> codes, boolean wide) {
    if (codes.size() < 2) {
      throw new IsccException("ISCC-CODE needs at least 2 units, got " + codes.size());
    }
    for (IsccCode c : codes) {
      if (c.mainType() == MainType.ISCC || c.mainType() == MainType.FLAKE) {
        throw new IsccException("ISCC-CODE is built from units, got " + c.algorithm() + " " + c);
      }
      if (c.bits() < 64) {
        throw new IsccException(
            "ISCC-CODE needs units of at least 64 bits, got " + c.bits() + " bits in " + c);
      }
    }
    List<IsccCode> sorted = new ArrayList<>(codes);
    sorted.sort(Comparator.comparingInt(c -> c.mainType().code()));
    int n = sorted.size();
    if (sorted.get(n - 2).mainType() != MainType.DATA
        || sorted.get(n - 1).mainType() != MainType.INSTANCE) {
      throw new IsccException(
          "ISCC-CODE needs a Data-Code and an Instance-Code, got " + mainTypes(sorted));
    }
    MainType[] optional = new MainType[n - 2];
    for (int i = 0; i < n - 2; i++) {
      optional[i] = sorted.get(i).mainType();
    }
    int unitSet = -1;
    for (int i = 0; i < IsccCodec.UNIT_SETS.length; i++) {
      if (Arrays.equals(IsccCodec.UNIT_SETS[i], optional)) {
        unitSet = i;
      }
    }
    if (unitSet < 0) {
      throw new IsccException("ISCC-CODE cannot combine the units " + mainTypes(sorted));
    }
    boolean isWide =
        wide && n == 2 && sorted.get(0).bits() >= 128 && sorted.get(1).bits() >= 128;
    int subType;
    if (isWide) {
      subType = IsccCode.ST_WIDE;
    } else {
      Set<Integer> contentTypes = new HashSet<>();
      for (IsccCode c : sorted) {
        if (c.mainType() == MainType.CONTENT || c.mainType() == MainType.SEMANTIC) {
          contentTypes.add(c.subType());
        }
      }
      if (contentTypes.size() > 1) {
        throw new IsccException(
            "Semantic-Code and Content-Code of an ISCC-CODE must have the same SubType, got "
                + contentTypes);
      }
      subType =
          contentTypes.isEmpty()
              ? (n == 2 ? IsccCode.ST_SUM : IsccCode.ST_NONE)
              : contentTypes.iterator().next();
    }
    int take = isWide ? 16 : 8;
    ByteArrayOutputStream body = new ByteArrayOutputStream(n * take);
    for (IsccCode c : sorted) {
      body.write(c.body(), 0, take);
    }
    return new IsccCode(MainType.ISCC, subType, Version.V0, unitSet, body.toByteArray());
  }

  private static List<MainType> mainTypes(List<IsccCode> codes) {
    return codes.stream().map(IsccCode::mainType).toList();
  }
}
