/**
 * W3C TDM Reservation Protocol (<a href="https://www.w3.org/community/reports/tdmrep/">TDMRep, CG
 * final report of 10 May 2024</a>, vocabulary revision 1.2): {@code /.well-known/tdmrep.json},
 * the {@code tdm-reservation}/{@code tdm-policy} HTTP headers and HTML meta, and the priority
 * rule that layers them. Entry points {@link org.kyodaku.signals.tdmrep.TdmRepReader} and {@link
 * org.kyodaku.signals.tdmrep.TdmRep}.
 */
@NullMarked
package org.kyodaku.signals.tdmrep;

import org.jspecify.annotations.NullMarked;
