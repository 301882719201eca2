package org.kyodaku.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.kyodaku.benchmarks.Fixtures;

/**
 * The registry contents a load run asks about, created through the public API as real users
 * would: parties by the admin, works by their owners, grants by their grantors.
 *
 * <p>Work {@code n} belongs to owner {@code n % owners} and has the assets {@code n * assetsPerWork
 * ... n * assetsPerWork + assetsPerWork - 1} ({@link Fixtures#registered}). Owner {@code i} grants
 * the licensee, as in {@code RegistryServiceBenchmark}: all its works for {@code train-ai} when
 * {@code i % 4 == 0}; the first half of them (at most 1,000, the API's limit per grant) for {@code
 * train-genai} when {@code i % 4 == 1}; a US-only grant and a revoked one when {@code i % 4 == 2};
 * nothing (but a grant to another licensee) when {@code i % 4 == 3}. Owner 0 also grants {@code
 * search} to everyone.
 *
 * @param licenseeId the licensee every decision is asked for
 * @param licenseeToken its token: decisions are asked as the licensee itself
 * @param ownerToken the token of owner 0, for registrations during a measured phase
 * @param fingerprints how many registered SHA-256s exist
 * @param seconds how long setup took
 */
record Catalogue(
    String licenseeId, String licenseeToken, String ownerToken, int fingerprints, double seconds) {

  static Catalogue create(Api api, LoadOptions o) throws IOException, InterruptedException {
    long started = System.nanoTime();
    String admin = o.adminToken();
    JsonNode licensee = party(api, admin, "licensee", "Bench AI");
    JsonNode other = party(api, admin, "licensee", "Other AI");
    List<String> ownerTokens = new ArrayList<>();
    for (int i = 0; i < o.owners(); i++) {
      ownerTokens.add(party(api, admin, i % 2 == 0 ? "creator" : "rights-holder", "owner " + i).get("token").asText());
    }

    AtomicReferenceArray<String> workIds = new AtomicReferenceArray<>(o.works());
    try (ExecutorService pool = Executors.newFixedThreadPool(o.setupThreads())) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < o.setupThreads(); t++) {
        int first = t;
        done.add(
            pool.submit(
                () -> {
                  for (int n = first; n < o.works(); n += o.setupThreads()) {
                    workIds.set(n, register(api, ownerTokens.get(n % o.owners()), n, o.assetsPerWork()));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IOException("registering works failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
    }

    String to = licensee.get("id").asText();
    for (int i = 0; i < o.owners(); i++) {
      String token = ownerTokens.get(i);
      switch (i % 4) {
        case 0 -> grant(api, token, to, "train-ai", List.of(), List.of());
        case 1 -> {
          List<String> half = new ArrayList<>();
          int owned = (o.works() - i + o.owners() - 1) / o.owners();
          for (int k = 0; k < Math.min(owned / 2, 1000); k++) {
            half.add(workIds.get(i + k * o.owners()));
          }
          grant(api, token, to, "train-genai", half, List.of());
        }
        case 2 -> {
          grant(api, token, to, "train-ai", List.of(), List.of("US"));
          String id = grant(api, token, to, "train-ai", List.of(), List.of()).get("id").asText();
          api.post("/grants/" + id + "/revoke", token, Map.of("reason", "benchmark"));
        }
        default -> grant(api, token, other.get("id").asText(), "train-ai", List.of(), List.of());
      }
      if (i == 0) {
        grant(api, token, "everyone", "search", List.of(), List.of());
      }
    }
    return new Catalogue(
        to,
        licensee.get("token").asText(),
        ownerTokens.getFirst(),
        o.works() * o.assetsPerWork(),
        (System.nanoTime() - started) / 1e9);
  }

  private static JsonNode party(Api api, String admin, String kind, String name)
      throws IOException, InterruptedException {
    return api.post("/parties", admin, Map.of("kind", kind, "name", name));
  }

  /** Registers a one-asset work whose fingerprint no scenario asks about; returns its id. */
  static String registerExtra(Api api, String token, long n) throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "追加 " + n);
    body.put("kind", "image");
    body.put("assets", List.of(Map.of("sha256", Fixtures.sha256("kyodaku-bench/written/" + n))));
    return api.post("/works", token, body).get("id").asText();
  }

  private static String register(Api api, String token, int n, int assetsPerWork)
      throws IOException, InterruptedException {
    List<Map<String, String>> assets = new ArrayList<>();
    for (int k = 0; k < assetsPerWork; k++) {
      assets.add(Map.of("file", "work-" + n + "-" + k + ".png", "sha256", Fixtures.registered(n * assetsPerWork + k)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "作品 " + n);
    body.put("kind", "image");
    body.put("assets", assets);
    return api.post("/works", token, body).get("id").asText();
  }

  private static JsonNode grant(
      Api api, String token, String licensee, String use, List<String> works, List<String> territories)
      throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("licensee", licensee);
    body.put("uses", List.of(use));
    if (works.isEmpty()) {
      body.put("allWorks", true);
    } else {
      body.put("works", works);
    }
    if (!territories.isEmpty()) {
      body.put("territories", territories);
    }
    return api.post("/grants", token, body);
  }
}
