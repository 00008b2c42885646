// The cost of writing one search response as JSON text (issue 20): json_text.h as searcher.cpp
// uses it, against RapidJSON's Writer into its StringBuffer and into a std::string, and against
// JsonWriter (searchd/src/json_writer.h: RapidJSON plus the UTF-8 repair and printf-style
// numbers our API needs). Results: docs/bench/profile.md, session 7.
//
// The responses are real bodies of coop-searchd, in bench/responses/:
//   x1_eau.json   GET /api/search?q=eau&size=10 on corpus/ (21 hits, 6 facets of 4..34 values)
//   x10_eau.json  the same on bench/scale/generate.py --scale 10 --seed 7 (364 hits, facets of
//                 2..80 values)
// Each is read once into plain structs (the typed result the searcher will return, issue 20)
// and every writer writes all of it, hit fields included (searcher.cpp splices the hit fields
// from a JSON text stored in the index today; issue 20 removes that). Before timing, every
// writer's output is checked to be the fixture byte for byte: a writer that differs fails the
// run rather than being timed.
//
// Timing (pinned, repetitions interleaved so that a change of load hits every writer alike):
//   nice -n -10 taskset -c 1 build/bench/json_bench --benchmark_repetitions=3
//     --benchmark_min_time=0.5 --benchmark_enable_random_interleaving=true
//     --benchmark_report_aggregates_only=true
// Instructions (subtract a run with a filter that matches nothing: reading the fixtures):
//   JSON_BENCH_ITERATIONS=1000 valgrind --tool=callgrind build/bench/json_bench
//     --benchmark_filter=x1_eau/json_writer/
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "../searchd/src/json_writer.h"
#include "json_text_baseline.h"

namespace {

// actor_id, actor and type are left out of the JSON when empty, as the indexer writes them.
struct Partner {
  std::string name, country, actor_id, actor, type;
};

struct Passage {
  std::string id, heading;
  int page = 0;  // 0: null (text formats have no pages)
};

struct Hit {
  std::string id, kind, title, source, publisher, date;
  std::vector<Partner> partners;
  std::vector<std::string> cities, regions, domains;
  std::vector<int> years;
  Passage passage;
  std::string snippet;
  double score = 0;
};

struct FacetValue {
  std::string value;
  std::uint64_t count = 0;
};

struct Facet {
  std::string name;
  std::vector<FacetValue> values;
};

struct Response {
  std::string query;
  std::uint64_t total = 0;
  int page = 0, size = 0;
  std::vector<Hit> hits;
  std::vector<Facet> facets;
  std::string suggestion;  // empty: null
  bool relaxed = false;
  double took_ms = 0;
};

// --- Reading a fixture (RapidJSON's DOM; not timed) ---

std::vector<std::string> Strings(const rapidjson::Value& a) {
  std::vector<std::string> out;
  for (const auto& v : a.GetArray()) out.emplace_back(v.GetString(), v.GetStringLength());
  return out;
}

std::string Str(const rapidjson::Value& o, const char* key) {
  const auto m = o.FindMember(key);
  if (m == o.MemberEnd()) return "";  // an optional member
  return std::string(m->value.GetString(), m->value.GetStringLength());
}

Response Parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (d.HasParseError()) throw std::runtime_error("fixture is not JSON");
  Response r;
  r.query = Str(d, "query");
  r.total = d["total"].GetUint64();
  r.page = d["page"].GetInt();
  r.size = d["size"].GetInt();
  for (const auto& h : d["hits"].GetArray()) {
    Hit hit;
    hit.id = Str(h, "id");
    hit.kind = Str(h, "kind");
    hit.title = Str(h, "title");
    hit.source = Str(h, "source");
    hit.publisher = Str(h, "publisher");
    hit.date = Str(h, "date");
    for (const auto& p : h["partners"].GetArray()) {
      hit.partners.push_back(
          {Str(p, "name"), Str(p, "country"), Str(p, "actor_id"), Str(p, "actor"), Str(p, "type")});
    }
    hit.cities = Strings(h["cities"]);
    hit.regions = Strings(h["regions"]);
    hit.domains = Strings(h["domains"]);
    for (const auto& y : h["years"].GetArray()) hit.years.push_back(y.GetInt());
    const rapidjson::Value& p = h["passage"];
    hit.passage = {Str(p, "id"), Str(p, "heading"), p["page"].IsNull() ? 0 : p["page"].GetInt()};
    hit.snippet = Str(h, "snippet");
    hit.score = h["score"].GetDouble();
    r.hits.push_back(std::move(hit));
  }
  for (const auto& f : d["facets"].GetObject()) {
    Facet facet{std::string(f.name.GetString(), f.name.GetStringLength()), {}};
    for (const auto& v : f.value.GetArray()) {
      facet.values.push_back({Str(v, "value"), v["count"].GetUint64()});
    }
    r.facets.push_back(std::move(facet));
  }
  if (!d["suggestion"].IsNull()) r.suggestion = Str(d, "suggestion");
  r.relaxed = d["relaxed"].GetBool();
  r.took_ms = d["took_ms"].GetDouble();
  return r;
}

// --- (a) json_text.h, the way searcher.cpp and facets.cpp write ---

void AppendStringArray(std::string& out, const std::vector<std::string>& values) {
  out.push_back('[');
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out.push_back(',');
    coop::AppendJsonString(out, values[i]);
  }
  out.push_back(']');
}

std::string WriteJsonText(const Response& r) {
  std::string out;
  out.reserve(8192);
  out += "{\"query\":";
  coop::AppendJsonString(out, r.query);
  out += ",\"total\":" + std::to_string(r.total) + ",\"page\":" + std::to_string(r.page) +
         ",\"size\":" + std::to_string(r.size) + ",\"hits\":[";
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    const Hit& h = r.hits[i];
    if (i) out.push_back(',');
    out += "{\"id\":";
    coop::AppendJsonString(out, h.id);
    out += ",\"kind\":";
    coop::AppendJsonString(out, h.kind);
    out += ",\"title\":";
    coop::AppendJsonString(out, h.title);
    out += ",\"source\":";
    coop::AppendJsonString(out, h.source);
    out += ",\"publisher\":";
    coop::AppendJsonString(out, h.publisher);
    out += ",\"date\":";
    coop::AppendJsonString(out, h.date);
    out += ",\"partners\":[";
    for (std::size_t j = 0; j < h.partners.size(); ++j) {
      const Partner& p = h.partners[j];
      if (j) out.push_back(',');
      out += "{\"name\":";
      coop::AppendJsonString(out, p.name);
      out += ",\"country\":";
      coop::AppendJsonString(out, p.country);
      if (!p.actor_id.empty()) {
        out += ",\"actor_id\":";
        coop::AppendJsonString(out, p.actor_id);
      }
      if (!p.actor.empty()) {
        out += ",\"actor\":";
        coop::AppendJsonString(out, p.actor);
      }
      if (!p.type.empty()) {
        out += ",\"type\":";
        coop::AppendJsonString(out, p.type);
      }
      out.push_back('}');
    }
    out += "],\"cities\":";
    AppendStringArray(out, h.cities);
    out += ",\"regions\":";
    AppendStringArray(out, h.regions);
    out += ",\"domains\":";
    AppendStringArray(out, h.domains);
    out += ",\"years\":[";
    for (std::size_t j = 0; j < h.years.size(); ++j) {
      if (j) out.push_back(',');
      out += std::to_string(h.years[j]);
    }
    out += "],\"passage\":{\"id\":";
    coop::AppendJsonString(out, h.passage.id);
    out += ",\"heading\":";
    coop::AppendJsonString(out, h.passage.heading);
    out +=
        ",\"page\":" + (h.passage.page > 0 ? std::to_string(h.passage.page) : std::string("null"));
    out += "},\"snippet\":";
    coop::AppendJsonString(out, h.snippet);
    char score[16];
    std::snprintf(score, sizeof score, ",\"score\":%.2f", h.score);
    out += score;
    out.push_back('}');
  }
  out += "],\"facets\":{";
  for (std::size_t f = 0; f < r.facets.size(); ++f) {
    if (f) out.push_back(',');
    coop::AppendJsonKey(out, r.facets[f].name);
    out.push_back('[');
    const std::vector<FacetValue>& values = r.facets[f].values;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out.push_back(',');
      out += "{\"value\":";
      coop::AppendJsonString(out, values[i].value);
      out += ",\"count\":" + std::to_string(values[i].count) + "}";
    }
    out.push_back(']');
  }
  out += "},\"suggestion\":";
  if (r.suggestion.empty()) {
    out += "null";
  } else {
    coop::AppendJsonString(out, r.suggestion);
  }
  out += r.relaxed ? ",\"relaxed\":true" : ",\"relaxed\":false";
  char took[32];
  std::snprintf(took, sizeof took, ",\"took_ms\":%.3f}", r.took_ms);
  out += took;
  return out;
}

// --- (b), (c) bare rapidjson::Writer; (d) coop::JsonWriter: one SAX walk for all three ---

// The bare Writer behind JsonWriter's interface: strings handed over as they are (no UTF-8
// repair), fixed-point numbers snprintf'd and written with RawValue (Writer::Double prints
// "1.0" for 1.00).
template <class Stream>
class BareWriter {
 public:
  explicit BareWriter(Stream& s) : w_(s) {}
  void StartObject() { w_.StartObject(); }
  void EndObject() { w_.EndObject(); }
  void StartArray() { w_.StartArray(); }
  void EndArray() { w_.EndArray(); }
  void Key(std::string_view k) { w_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size())); }
  void String(std::string_view s) {
    w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
  void Int(std::int64_t v) { w_.Int64(v); }
  void Uint(std::uint64_t v) { w_.Uint64(v); }
  void Null() { w_.Null(); }
  void Bool(bool v) { w_.Bool(v); }
  void Fixed(double v, int decimals) {
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    w_.RawValue(buf, static_cast<std::size_t>(n), rapidjson::kNumberType);
  }

 private:
  rapidjson::Writer<Stream> w_;
};

template <class W>
void StringArray(W& w, std::string_view key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
}

template <class W>
void WriteSax(W& w, const Response& r) {
  w.StartObject();
  w.Key("query");
  w.String(r.query);
  w.Key("total");
  w.Uint(r.total);
  w.Key("page");
  w.Int(r.page);
  w.Key("size");
  w.Int(r.size);
  w.Key("hits");
  w.StartArray();
  for (const Hit& h : r.hits) {
    w.StartObject();
    w.Key("id");
    w.String(h.id);
    w.Key("kind");
    w.String(h.kind);
    w.Key("title");
    w.String(h.title);
    w.Key("source");
    w.String(h.source);
    w.Key("publisher");
    w.String(h.publisher);
    w.Key("date");
    w.String(h.date);
    w.Key("partners");
    w.StartArray();
    for (const Partner& p : h.partners) {
      w.StartObject();
      w.Key("name");
      w.String(p.name);
      w.Key("country");
      w.String(p.country);
      for (const auto& [key, value] :
           {std::pair<std::string_view, const std::string&>{"actor_id", p.actor_id},
            {"actor", p.actor},
            {"type", p.type}}) {
        if (value.empty()) continue;
        w.Key(key);
        w.String(value);
      }
      w.EndObject();
    }
    w.EndArray();
    StringArray(w, "cities", h.cities);
    StringArray(w, "regions", h.regions);
    StringArray(w, "domains", h.domains);
    w.Key("years");
    w.StartArray();
    for (int y : h.years) w.Int(y);
    w.EndArray();
    w.Key("passage");
    w.StartObject();
    w.Key("id");
    w.String(h.passage.id);
    w.Key("heading");
    w.String(h.passage.heading);
    w.Key("page");
    if (h.passage.page > 0) {
      w.Int(h.passage.page);
    } else {
      w.Null();
    }
    w.EndObject();
    w.Key("snippet");
    w.String(h.snippet);
    w.Key("score");
    w.Fixed(h.score, 2);
    w.EndObject();
  }
  w.EndArray();
  w.Key("facets");
  w.StartObject();
  for (const Facet& f : r.facets) {
    w.Key(f.name);
    w.StartArray();
    for (const FacetValue& v : f.values) {
      w.StartObject();
      w.Key("value");
      w.String(v.value);
      w.Key("count");
      w.Uint(v.count);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.Key("suggestion");
  if (r.suggestion.empty()) {
    w.Null();
  } else {
    w.String(r.suggestion);
  }
  w.Key("relaxed");
  w.Bool(r.relaxed);
  w.Key("took_ms");
  w.Fixed(r.took_ms, 3);
  w.EndObject();
}

// (b) Writer<StringBuffer>, the text then copied into the std::string the searcher returns.
std::string WriteStringBuffer(const Response& r) {
  rapidjson::StringBuffer buf(nullptr, 8192);
  BareWriter<rapidjson::StringBuffer> w(buf);
  WriteSax(w, r);
  return std::string(buf.GetString(), buf.GetSize());
}

// (c) Writer over a stream appending to a std::string: no copy of the result.
std::string WriteStdString(const Response& r) {
  std::string out;
  coop::JsonStringStream s(out, 8192);
  BareWriter<coop::JsonStringStream> w(s);
  WriteSax(w, r);
  return out;
}

// (d) coop::JsonWriter: (c) plus UTF-8 repair of every string and to_chars numbers.
std::string WriteJsonWriter(const Response& r) {
  coop::JsonWriter w;
  WriteSax(w, r);
  return w.Finish();
}

using WriteFn = std::string (*)(const Response&);

void BM_Write(benchmark::State& state, WriteFn write, const Response* r) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = write(*r);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["bytes"] = static_cast<double>(bytes);
}

// (b) without the final copy: the cost of the writer alone into its own buffer.
void BM_StringBufferNoCopy(benchmark::State& state, const Response* r) {
  for (auto _ : state) {
    rapidjson::StringBuffer buf(nullptr, 8192);
    BareWriter<rapidjson::StringBuffer> w(buf);
    WriteSax(w, *r);
    benchmark::DoNotOptimize(buf.GetString());
    benchmark::ClobberMemory();
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// JSON_BENCH_ITERATIONS=N runs each benchmark exactly N times instead of for a minimum time:
// for counting instructions under valgrind --tool=callgrind, which the load of other processes
// does not change (docs/bench/profile.md, session 7).
// Every benchmark also reports the fastest repetition ("_min"): on a machine shared with other
// work, the least disturbed run is the steadiest estimate (the median and cv are reported too).
void Configure(benchmark::internal::Benchmark* b) {
  if (const char* n = std::getenv("JSON_BENCH_ITERATIONS")) b->Iterations(std::atoll(n));
  b->ComputeStatistics("min", [](const std::vector<double>& v) {
    return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end());
  });
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const std::pair<const char*, const char*> fixtures[] = {{"x1_eau", "x1_eau.json"},
                                                          {"x10_eau", "x10_eau.json"}};
  const std::pair<const char*, WriteFn> writers[] = {{"json_text", WriteJsonText},
                                                     {"rapidjson_stringbuffer", WriteStringBuffer},
                                                     {"rapidjson_std_string", WriteStdString},
                                                     {"json_writer", WriteJsonWriter}};
  static std::vector<Response> responses;  // registered benchmarks point into it
  responses.reserve(std::size(fixtures));
  for (const auto& [name, file] : fixtures) {
    const std::string text = ReadFile(std::string(COOP_BENCH_RESPONSES) + "/" + file);
    responses.push_back(Parse(text));
    const Response* r = &responses.back();
    for (const auto& [writer, write] : writers) {
      const std::string out = write(*r);
      if (out != text) {
        std::size_t at = 0;
        while (at < out.size() && at < text.size() && out[at] == text[at]) ++at;
        const std::size_t from = at < 60 ? 0 : at - 60;
        std::cerr << "json_bench: " << writer << " does not reproduce " << file << " from byte "
                  << at << ":\n  wrote    " << out.substr(from, 120) << "\n  expected "
                  << text.substr(from, 120) << "\n";
        return 1;
      }
      Configure(benchmark::RegisterBenchmark((std::string(name) + "/" + writer).c_str(), BM_Write,
                                             write, r));
    }
    Configure(benchmark::RegisterBenchmark(
        (std::string(name) + "/rapidjson_stringbuffer_nocopy").c_str(), BM_StringBufferNoCopy, r));
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
