/**
 * Turning video files into frames: {@link org.kyodaku.fingerprint.video.VideoDecoder} reads a
 * file's stream facts ({@link org.kyodaku.fingerprint.video.VideoInfo}) and hands its decoded
 * frames, in decoding order, to a callback as 8-bit sRGB {@link
 * org.kyodaku.fingerprint.image.RgbImage}s ({@link org.kyodaku.fingerprint.video.VideoFrame}).
 *
 * <p>The one implementation runs the {@code ffprobe} and {@code ffmpeg} programs (FFmpeg 5.1 or
 * later) as child processes, software decoding only, with swscale flags that make the pixels the
 * same on every CPU. Why a child process rather than native bindings, and which flags make the
 * output hardware-independent: {@code docs/adr/0006-video-decoding.md}. Every failure is one
 * {@link org.kyodaku.fingerprint.video.VideoDecodeException} naming the file.
 *
 * <p>Specifications: FFmpeg command-line documentation ({@code ffmpeg}, {@code ffprobe}, filters
 * {@code select}, {@code scale}, {@code format}), https://ffmpeg.org/documentation.html.
 */
@NullMarked
package org.kyodaku.fingerprint.video;

import org.jspecify.annotations.NullMarked;
