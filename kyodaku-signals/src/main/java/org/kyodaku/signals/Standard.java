package org.kyodaku.signals;

import org.kyodaku.core.model.Labelled;

/** The standards (and conventions) a signal can come from, each with the version we implement. */
public enum Standard implements Labelled {
  /** Robots Exclusion Protocol, read through our AI crawler token table. */
  ROBOTS_TXT("RFC 9309"),
  /** IETF AI preferences, {@code Content-Usage} in HTTP and robots.txt. */
  AIPREF("draft-ietf-aipref-vocab-07, draft-ietf-aipref-attach-05"),
  /** Cloudflare Content Signals Policy, robots.txt {@code Content-Signal}. */
  CONTENT_SIGNALS("contentsignals.org 2025-09"),
  /** W3C TDM Reservation Protocol. */
  TDMREP("W3C CG final report 2024-05-10"),
  /** {@code noai}/{@code noimageai} in X-Robots-Tag or robots meta (DeviantArt convention). */
  NOAI("DeviantArt convention 2022-11"),
  /** Really Simple Licensing (licence documents and their discovery). */
  RSL("RSL 1.0 (2025-11-06)"),
  /** Spawning {@code /ai.txt}. */
  AI_TXT("Spawning ai.txt 2023-05"),
  /** RFC 8288 web link with {@code rel="license"} (HTTP Link header or HTML link). */
  LICENSE_LINK("RFC 8288, HTML rel=license"),
  /** IPTC Photo Metadata Data Mining ({@code plus:DataMining}, {@code plus:OtherConstraints}) in XMP. */
  IPTC("IPTC Photo Metadata 2025.1, PLUS LDF Data Mining vocabulary"),
  /** Rights statements in XMP: {@code dc:rights}, {@code dc:creator}, {@code xmpRights:WebStatement}. */
  XMP_RIGHTS("ISO 16684-1 XMP, Dublin Core, XMP Rights Management"),
  /** C2PA / CAWG training-and-data-mining assertion in an embedded manifest store. */
  C2PA("C2PA 1.4 c2pa.training-mining, CAWG 1.1 cawg.training-mining"),
  /**
   * The fetch itself: a resource or document that could not be fetched or read as what it claims
   * to be. Such evidence states nothing, and a failed one keeps the check from reading anything as
   * allowed.
   */
  HTTP("RFC 9110 HTTP semantics");

  private final String version;

  Standard(String version) {
    this.version = version;
  }

  /** The specification and version this library implements. */
  public String version() {
    return version;
  }

  @Override
  public String toString() {
    return label();
  }
}
