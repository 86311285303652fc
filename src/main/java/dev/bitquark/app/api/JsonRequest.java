package dev.bitquark.app.api;

/**
 * A JSON request body of the API: a record whose components are the OpenAPI schema of the body
 * (so {@code /q/openapi} describes it and the web UI's types are generated from it). Bodies of these
 * types are read by {@link JsonRequestReader} with the strict rules of {@link JsonBodies}: unknown
 * fields, wrong types and values out of range are a 400 naming the field. A record whose keys may be
 * absent, null or set (a partial update) builds itself from the JSON object with a Jackson
 * delegating creator, and throws {@link ApiException} for what it refuses.
 */
public interface JsonRequest {
}
