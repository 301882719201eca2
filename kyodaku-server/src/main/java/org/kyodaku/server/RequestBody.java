package org.kyodaku.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object from a request, read field by field with errors that name the field's path. Fields
 * the endpoint does not know are refused, so that a misspelt option is never silently ignored.
 */
final class RequestBody {
  private final ObjectNode node;
  private final String path;

  private RequestBody(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static RequestBody parse(ObjectMapper json, byte[] bytes, Set<String> known) {
    if (bytes.length == 0) {
      throw new Problem(400, "malformed-json", "the request body is empty; send a JSON object", Optional.empty());
    }
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new Problem(400, "malformed-json", "the body is not valid JSON" + where + ": " + e.getOriginalMessage(), Optional.empty());
    } catch (IOException e) {
      throw new Problem(400, "malformed-json", "the body could not be read: " + e.getMessage(), Optional.empty());
    }
    if (!(root instanceof ObjectNode object)) {
      throw new Problem(400, "malformed-json", "the body must be a JSON object", Optional.empty());
    }
    RequestBody body = new RequestBody(object, "");
    body.refuseUnknown(known);
    return body;
  }

  private String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  void refuseUnknown(Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw Problem.badRequest(at(name), "unknown field; known fields are: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  String text(String field) {
    return optText(field).orElseThrow(() -> Problem.badRequest(at(field), "is required"));
  }

  Optional<String> optText(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw Problem.badRequest(at(field), "must be a string, got " + v.getNodeType().name().toLowerCase());
    }
    return Optional.of(v.textValue());
  }

  boolean bool(String field, boolean fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw Problem.badRequest(at(field), "must be true or false");
    }
    return v.booleanValue();
  }

  /** A JSON number, finite. */
  double number(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw Problem.badRequest(at(field), "is required");
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw Problem.badRequest(at(field), "must be a number, got " + v.getNodeType().name().toLowerCase());
    }
    return v.doubleValue();
  }

  /** A whole JSON number that fits an {@code int}. */
  int integer(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw Problem.badRequest(at(field), "is required");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw Problem.badRequest(at(field), "must be a whole number, got " + v.toString());
    }
    return v.intValue();
  }

  /** A nested object, its unknown fields refused; empty when absent or null. */
  Optional<RequestBody> optObject(String field, Set<String> known) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new Item(v, at(field)).object(known));
  }

  /** This object's path in the request, "" for the body itself. */
  String path() {
    return path;
  }

  Optional<Instant> optInstant(String field) {
    return optText(field).map(t -> instant(at(field), t));
  }

  /** An ISO-8601 instant with an offset ({@code 2026-04-01T00:00:00Z}, {@code ...+09:00}). */
  static Instant instant(String field, String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(field, "not an ISO-8601 date-time with offset, such as 2026-04-01T00:00:00+09:00: \"" + text + "\"");
    }
  }

  List<String> texts(String field) {
    List<String> out = new ArrayList<>();
    for (RequestBody.Item item : items(field, 1000)) {
      JsonNode v = item.node;
      if (!v.isTextual()) {
        throw Problem.badRequest(item.path, "must be a string");
      }
      out.add(v.textValue());
    }
    return out;
  }

  /** One element of an array field, with its path for messages. */
  record Item(JsonNode node, String path) {
    RequestBody object(Set<String> known) {
      if (!(node instanceof ObjectNode o)) {
        throw Problem.badRequest(path, "must be a JSON object");
      }
      RequestBody body = new RequestBody(o, path);
      body.refuseUnknown(known);
      return body;
    }
  }

  List<Item> items(String field, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw Problem.badRequest(at(field), "must be an array");
    }
    if (v.size() > max) {
      throw Problem.badRequest(at(field), "holds " + v.size() + " elements; at most " + max + " are allowed");
    }
    List<Item> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      out.add(new Item(v.get(i), at(field) + "[" + i + "]"));
    }
    return out;
  }
}
