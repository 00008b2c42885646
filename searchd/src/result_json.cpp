#include "result_json.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cstdio>

#include "json_text.h"

namespace coop::http {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

void AppendStringArray(std::string& out, const std::vector<std::string>& values) {
  out.push_back('[');
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out.push_back(',');
    AppendJsonString(out, values[i]);
  }
  out.push_back(']');
}

// The record fields of a hit: id, kind, title, source, publisher, date, partners, cities,
// regions (2015, pre-2015 and foreign, without repeats), domains, years; no closing brace.
void AppendHitRecord(std::string& out, const StoredRecord& r) {
  const std::pair<const char*, const std::string*> head[] = {
      {"id", &r.id},         {"kind", &r.kind},           {"title", &r.title},
      {"source", &r.source}, {"publisher", &r.publisher}, {"date", &r.date}};
  out.push_back('{');
  for (const auto& [key, value] : head) {
    AppendJsonKey(out, key);
    AppendJsonString(out, *value);
    out.push_back(',');
  }
  out += "\"partners\":[";
  for (std::size_t i = 0; i < r.partners.size(); ++i) {
    const StoredPartner& p = r.partners[i];
    out += i ? ",{\"name\":" : "{\"name\":";
    AppendJsonString(out, p.name);
    out += ",\"country\":";
    AppendJsonString(out, p.country);
    const std::pair<const char*, const std::string*> optional[] = {
        {"actor_id", &p.actor_id}, {"actor", &p.actor_name}, {"type", &p.actor_type}};
    for (const auto& [key, value] : optional) {
      if (value->empty()) continue;
      out.push_back(',');
      AppendJsonKey(out, key);
      AppendJsonString(out, *value);
    }
    out.push_back('}');
  }
  out += "],\"cities\":";
  AppendStringArray(out, r.cities);
  std::vector<std::string> regions;
  for (const auto* list : {&r.regions, &r.regions_pre2015, &r.foreign_regions}) {
    for (const std::string& v : *list) {
      if (!v.empty() && std::find(regions.begin(), regions.end(), v) == regions.end())
        regions.push_back(v);
    }
  }
  out += ",\"regions\":";
  AppendStringArray(out, regions);
  out += ",\"domains\":";
  AppendStringArray(out, r.domains);
  out += ",\"years\":[";
  for (std::size_t i = 0; i < r.years.size(); ++i) {
    if (i) out.push_back(',');
    out += std::to_string(r.years[i]);
  }
  out += "]";
}

void AppendHit(std::string& out, const SearchHit& hit) {
  AppendHitRecord(out, *hit.record);
  out += ",\"passage\":";
  if (!hit.passage) {
    out += "null,\"snippet\":";
    AppendJsonString(out, hit.snippet);
    out += ",\"score\":1}";
    return;
  }
  out += "{\"id\":";
  AppendJsonString(out, hit.passage->id);
  out += ",\"heading\":";
  AppendJsonString(out, hit.passage->heading);
  out += ",\"page\":" + (hit.passage->page > 0 ? std::to_string(hit.passage->page) : "null");
  out += "},\"snippet\":";
  AppendJsonString(out, hit.snippet);
  char score[24];
  std::snprintf(score, sizeof score, ",\"score\":%.2f}", hit.score);
  out += score;
}

Object::Ptr NewObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Array::Ptr Strings(const std::vector<std::string>& values) {
  Array::Ptr a = new Array;
  for (const std::string& v : values) a->add(v);
  return a;
}

Array::Ptr Partners(const std::vector<StoredPartner>& partners) {
  Array::Ptr a = new Array;
  for (const StoredPartner& p : partners) {
    Object::Ptr o = NewObject();
    o->set("name", p.name);
    o->set("country", p.country);
    if (!p.actor_id.empty()) o->set("actor_id", p.actor_id);
    if (!p.actor_name.empty()) o->set("actor", p.actor_name);
    if (!p.actor_type.empty()) o->set("type", p.actor_type);
    a->add(o);
  }
  return a;
}

Array::Ptr Years(const std::vector<int>& years) {
  Array::Ptr a = new Array;
  for (int y : years) a->add(y);
  return a;
}

Object::Ptr Brief(const std::optional<RecordBrief>& brief) {
  if (!brief) return nullptr;
  Object::Ptr b = NewObject();
  b->set("id", brief->id);
  b->set("title", brief->title);
  return b;
}

}  // namespace

std::string SearchResultJson(const SearchResult& r) {
  std::string out;
  out.reserve(8192);
  out += "{\"query\":";
  AppendJsonString(out, r.query);
  out += ",\"total\":" + std::to_string(r.total) + ",\"page\":" + std::to_string(r.page) +
         ",\"size\":" + std::to_string(r.size) + ",\"hits\":[";
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    if (i) out.push_back(',');
    AppendHit(out, r.hits[i]);
  }
  out += "],\"facets\":{";
  for (std::size_t f = 0; f < r.facets.size(); ++f) {
    if (f) out.push_back(',');
    AppendJsonKey(out, r.facets[f].name);
    out.push_back('[');
    for (std::size_t i = 0; i < r.facets[f].values.size(); ++i) {
      const FacetValue& v = r.facets[f].values[i];
      out += i ? ",{\"value\":" : "{\"value\":";
      AppendJsonString(out, v.value);
      out += ",\"count\":" + std::to_string(v.count) + "}";
    }
    out.push_back(']');
  }
  out += "},\"suggestion\":";
  if (r.suggestion) {
    AppendJsonString(out, *r.suggestion);
  } else {
    out += "null";
  }
  out += r.match == MatchMode::kAny ? ",\"relaxed\":true" : ",\"relaxed\":false";
  char took[40];
  std::snprintf(took, sizeof took, ",\"took_ms\":%.3f}", r.took_ms);
  out += took;
  return out;
}

Poco::JSON::Object::Ptr RecordPageJson(const RecordPage& page) {
  const StoredRecord& r = page.record;
  Object::Ptr o = NewObject();
  o->set("id", r.id);
  o->set("kind", r.kind);
  o->set("title", r.title);
  o->set("source", r.source);
  o->set("publisher", r.publisher);
  o->set("date", r.date);
  o->set("partners", Partners(r.partners));
  o->set("mentions", Partners(r.mentions));
  o->set("countries", Strings(r.countries));
  o->set("cities", Strings(r.cities));
  o->set("provinces", Strings(r.provinces));
  o->set("regions", Strings(r.regions));
  o->set("regions_pre2015", Strings(r.regions_pre2015));
  o->set("foreign_regions", Strings(r.foreign_regions));
  o->set("domains", Strings(r.domains));
  o->set("domains_text", r.domains_text);
  o->set("annex_domains", Strings(r.annex_domains));
  o->set("legal_framework", r.legal_framework);
  o->set("years", Years(r.years));
  Array::Ptr budgets = new Array;
  for (const StoredBudget& b : r.budgets) {
    Object::Ptr x = NewObject();
    x->set("amount", b.amount);
    x->set("currency", b.currency);
    x->set("funds", b.funds);
    budgets->add(x);
  }
  o->set("budgets", budgets);
  o->set("begin", static_cast<Poco::UInt64>(r.begin));
  o->set("end", static_cast<Poco::UInt64>(r.end));
  Array::Ptr passages = new Array;
  for (const PagePassage& p : page.passages) {
    Object::Ptr x = NewObject();
    x->set("id", p.id);
    x->set("heading", p.heading);
    x->set("page", p.page);
    x->set("text", p.text);
    passages->add(x);
  }
  o->set("passages", passages);
  Object::Ptr neighbours = NewObject();
  neighbours->set("previous",
                  page.previous ? Poco::Dynamic::Var(Brief(page.previous)) : Poco::Dynamic::Var());
  neighbours->set("next", page.next ? Poco::Dynamic::Var(Brief(page.next)) : Poco::Dynamic::Var());
  o->set("neighbours", neighbours);
  return o;
}

Poco::JSON::Object::Ptr ActorPageJson(const ActorPage& page) {
  Object::Ptr o = NewObject();
  o->set("id", page.id);
  o->set("name", page.name);
  o->set("type", page.type);
  o->set("country", page.country);
  o->set("names", Strings(page.names));
  o->set("cities", Strings(page.cities));
  o->set("regions", Strings(page.regions));
  o->set("domains", Strings(page.domains));
  Array::Ptr partnerships = new Array;
  for (const StoredRecord& r : page.partnerships) {
    Object::Ptr brief = NewObject();
    brief->set("id", r.id);
    brief->set("title", r.title);
    brief->set("partners", Partners(r.partners));
    brief->set("domains", Strings(r.domains));
    brief->set("years", Years(r.years));
    partnerships->add(brief);
  }
  o->set("partnerships", partnerships);
  return o;
}

Poco::JSON::Object::Ptr SuggestionsJson(const std::string& prefix,
                                        const std::vector<Suggestion>& suggestions) {
  Object::Ptr out = NewObject();
  out->set("prefix", prefix);
  Array::Ptr list = new Array;
  for (const Suggestion& s : suggestions) {
    Object::Ptr o = NewObject();
    o->set("value", s.value);
    o->set("facet", std::string(s.facet));
    o->set("count", static_cast<Poco::UInt64>(s.count));
    list->add(o);
  }
  out->set("suggestions", list);
  return out;
}

}  // namespace coop::http
