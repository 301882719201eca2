package org.kyodaku.log.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.note.Note;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.NoteSignature;
import org.kyodaku.log.note.VerifiedSignature;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.sequencer.DurableFiles;

/**
 * Cosignatures of the log's checkpoints by configured witnesses, kept per tree size in a
 * directory ({@code <dir>/<size>}: the checkpoint note with the log's signature and every accepted
 * cosignature, written durably: temporary file, fsync, atomic rename, directory fsync).
 *
 * <p>{@link #add} takes a checkpoint as a witness returns it — the log's signed checkpoint with the
 * witness's cosignature line(s) appended (c2sp.org/tlog-cosignature; a C2SP tlog-witness {@code
 * add-checkpoint} response is exactly those lines) — and accepts it when:
 *
 * <ol>
 *   <li>it verifies as a checkpoint of this log: the log key's signature, the log's origin (else
 *       {@link WitnessException.Reason#NOT_OUR_CHECKPOINT});
 *   <li>every signature by a configured witness on it verifies (else {@code BAD_COSIGNATURE}) and
 *       there is at least one (else {@code NO_WITNESS}); signatures by unknown keys are dropped, as
 *       signed-note verifiers ignore them;
 *   <li>its size is one the log has published (else {@code UNKNOWN_SIZE});
 *   <li>no cosignature time is more than {@link #CLOCK_SKEW} ahead of the log's clock (else {@code
 *       FUTURE_TIME}): a cosignature/v1 time is the witness's claim that the checkpoint existed
 *       then, and a future one would let a receipt claim a time that has not come.
 * </ol>
 *
 * It then merges the new cosignatures with those already kept for that size (one per witness key:
 * the first accepted stays) and returns the merged note. A checkpoint of a kept size with another
 * text is refused ({@code CONFLICT}): the log signed two trees of one size, and the cosignatures
 * already accepted are never replaced. {@link #attach} puts the kept cosignatures on a published
 * checkpoint, {@link #latest} is the most recent checkpoint that has any.
 *
 * <p>A kept file is verified again when read (log key and witness keys): one that does not parse or
 * verify (a damaged disk, a hand edit) is skipped with a warning, so that it can neither break the
 * checkpoint route nor put a bad signature line on a served checkpoint (which would make verifiers
 * that trust that witness refuse the whole note). The next accepted cosignature for that size moves
 * it aside to {@code <size>.corrupt}.
 */
public final class CosignatureStore {
  /** How far ahead of the log's clock a cosignature time may be. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final Path dir;
  private final CheckpointVerifier logOnly;
  private final CheckpointVerifier verifier;
  private final List<VerifierKey> witnesses;
  private final Clock clock;
  private volatile Optional<Long> latest;
  // Verified notes by size, most recently used last; guarded by itself. Every write goes through
  // this store, so an entry is only replaced by add().
  private final Map<Long, Optional<Note>> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Optional<Note>> eldest) {
          return size() > CACHED_SIZES;
        }
      };
  private static final int CACHED_SIZES = 64;
  private static final System.Logger LOG = System.getLogger(CosignatureStore.class.getName());

  private CosignatureStore(
      Path dir, CheckpointVerifier logOnly, List<VerifierKey> witnesses, Clock clock, Optional<Long> latest) {
    this.dir = dir;
    this.logOnly = logOnly;
    this.verifier = logOnly.withWitnesses(witnesses, 0);
    this.witnesses = List.copyOf(witnesses);
    this.clock = clock;
    this.latest = latest;
  }

  /**
   * Opens (creating) the store in {@code dir} for the log of {@code origin} signed by {@code
   * logKey}, accepting cosignatures by {@code witnesses}.
   */
  public static CosignatureStore open(
      Path dir, String origin, VerifierKey logKey, List<VerifierKey> witnesses, Clock clock) {
    for (VerifierKey w : witnesses) {
      if (w.name().equals(logKey.name()) && w.keyId() == logKey.keyId()) {
        throw new WitnessException(
            WitnessException.Reason.NOT_OUR_CHECKPOINT, "the log key " + logKey.vkey() + " cannot be its own witness");
      }
    }
    Optional<Long> latest = Optional.empty();
    try {
      Files.createDirectories(dir);
      latest = sizes(dir).stream().max(Long::compare);
    } catch (IOException e) {
      throw new WitnessException(WitnessException.Reason.STORAGE, "cannot open " + dir + ": " + e.getMessage(), e);
    }
    return new CosignatureStore(dir, CheckpointVerifier.forLog(origin, logKey), witnesses, clock, latest);
  }

  /** The configured witness keys. */
  public List<VerifierKey> witnesses() {
    return witnesses;
  }

  /**
   * Accepts a cosigned checkpoint (see the class comment) of a log that has published {@code
   * publishedSize} entries; returns the checkpoint with every cosignature kept for its size.
   */
  public synchronized String add(String cosigned, long publishedSize) {
    try {
      logOnly.verify(cosigned);
    } catch (CheckpointException | NoteException e) {
      throw new WitnessException(
          WitnessException.Reason.NOT_OUR_CHECKPOINT, "not a signed checkpoint of this log: " + e.getMessage(), e);
    }
    VerifiedCheckpoint v;
    try {
      v = verifier.verify(cosigned);
    } catch (CheckpointException | NoteException e) {
      // The log's own signature verified above: what fails now is a witness's.
      throw new WitnessException(
          WitnessException.Reason.BAD_COSIGNATURE, "a witness cosignature does not verify: " + e.getMessage(), e);
    }
    if (v.cosignatures().isEmpty()) {
      throw new WitnessException(
          WitnessException.Reason.NO_WITNESS,
          "the checkpoint carries no cosignature by a configured witness ("
              + witnesses.stream().map(VerifierKey::name).toList() + ")");
    }
    Checkpoint cp = v.checkpoint();
    if (cp.size() > publishedSize) {
      throw new WitnessException(
          WitnessException.Reason.UNKNOWN_SIZE,
          "the log has published " + publishedSize + " entries, not " + cp.size());
    }
    Instant limit = clock.instant().plus(CLOCK_SKEW);
    for (VerifiedSignature s : v.cosignatures()) {
      Optional<Instant> t = s.time();
      if (t.isPresent() && t.get().isAfter(limit)) {
        throw new WitnessException(
            WitnessException.Reason.FUTURE_TIME,
            "cosignature by " + s.key().name() + " has time " + t.get() + ", after the log's clock " + clock.instant());
      }
    }
    Note note = v.note().note();
    List<NoteSignature> merged = new ArrayList<>();
    Optional<Note> kept = read(cp.size());
    if (kept.isPresent() && !kept.get().text().equals(note.text())) {
      throw new WitnessException(
          WitnessException.Reason.CONFLICT,
          "cosignatures of another checkpoint of size " + cp.size() + " are kept (root "
              + Checkpoint.parse(kept.get().text()).root().base64() + ", this one has " + cp.root().base64()
              + "): the log signed two different trees of one size");
    }
    if (kept.isPresent()) {
      merged.addAll(kept.get().signatures());
    } else {
      v.note().verified().stream()
          .filter(s -> witnesses.stream().noneMatch(w -> same(w, s.key())))
          .forEach(s -> merged.add(s.signature()));
    }
    for (VerifiedSignature s : v.cosignatures()) {
      if (merged.stream().noneMatch(m -> m.name().equals(s.signature().name()) && m.keyId() == s.signature().keyId())) {
        merged.add(s.signature());
      }
    }
    Note result = new Note(note.text(), merged);
    write(cp.size(), result);
    if (latest.isEmpty() || latest.get() < cp.size()) {
      latest = Optional.of(cp.size());
    }
    return result.format();
  }

  /** {@code checkpoint} with the cosignatures kept for it appended (unchanged if none). */
  public String attach(String checkpoint) {
    Note note;
    try {
      note = Note.parse(checkpoint);
    } catch (NoteException e) {
      return checkpoint;
    }
    long size;
    try {
      size = Checkpoint.parse(note.text()).size();
    } catch (CheckpointException e) {
      return checkpoint;
    }
    Optional<Note> kept = read(size).filter(k -> k.text().equals(note.text()));
    if (kept.isEmpty()) {
      return checkpoint;
    }
    List<NoteSignature> all = new ArrayList<>(note.signatures());
    for (NoteSignature s : kept.get().signatures()) {
      if (all.stream().noneMatch(a -> a.name().equals(s.name()) && a.keyId() == s.keyId())) {
        all.add(s);
      }
    }
    return new Note(note.text(), all).format();
  }

  /**
   * The latest checkpoint that has at least one accepted cosignature (a damaged latest file is
   * skipped for the newest good one).
   */
  public Optional<String> latest() {
    Optional<Long> newest = latest;
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    Optional<Note> note = read(newest.get());
    if (note.isPresent()) {
      return note.map(Note::format);
    }
    return sizes().stream()
        .sorted(Comparator.reverseOrder())
        .map(this::read)
        .flatMap(Optional::stream)
        .findFirst()
        .map(Note::format);
  }

  private static boolean same(VerifierKey a, VerifierKey b) {
    return a.name().equals(b.name()) && a.keyId() == b.keyId();
  }

  /** The sizes that have a file in {@code dir}. */
  private static List<Long> sizes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("0|[1-9][0-9]{0,18}"))
          .map(Long::parseLong)
          .toList();
    }
  }

  private List<Long> sizes() {
    try {
      return sizes(dir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot list the cosignatures in " + dir + ": " + e.getMessage());
      return List.of();
    }
  }

  /** The verified note kept for {@code size}; empty if none, or (with a warning) if damaged. */
  private Optional<Note> read(long size) {
    synchronized (cache) {
      Optional<Note> cached = cache.get(size);
      if (cached != null) {
        return cached;
      }
    }
    Path file = dir.resolve(Long.toString(size));
    Optional<Note> note;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      VerifiedCheckpoint v = verifier.verify(text);
      if (v.checkpoint().size() != size) {
        throw new CheckpointException("it holds a checkpoint of size " + v.checkpoint().size());
      }
      note = Optional.of(v.note().note());
    } catch (NoSuchFileException e) {
      note = Optional.empty();
    } catch (IOException | CheckpointException | NoteException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "skipping the damaged cosignature file " + file + " (" + e.getMessage() + "); the next cosignature of size "
              + size + " moves it aside");
      note = Optional.empty();
    }
    synchronized (cache) {
      cache.put(size, note);
    }
    return note;
  }

  private void write(long size, Note note) {
    Path file = dir.resolve(Long.toString(size));
    try {
      if (Files.exists(file) && read(size).isEmpty()) {
        // add() merged a good file; one that read() skipped as damaged is kept for inspection.
        Files.move(file, dir.resolve(size + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
      }
      DurableFiles.writeAtomically(file, note.format().getBytes(StandardCharsets.UTF_8));
      DurableFiles.syncDirectory(dir);
    } catch (IOException e) {
      throw new WitnessException(
          WitnessException.Reason.STORAGE, "cannot store the cosignatures of size " + size + ": " + e.getMessage(), e);
    }
    synchronized (cache) {
      cache.put(size, Optional.of(note));
    }
  }
}
