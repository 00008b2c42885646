#include "eval_set.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

namespace coop::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Need(const Poco::JSON::Object::Ptr& o, const std::string& key,
                 const std::string& where) {
  if (!o->has(key) || o->getValue<std::string>(key).empty()) {
    throw std::runtime_error(where + ": missing \"" + key + "\"");
  }
  return o->getValue<std::string>(key);
}

EvalQuery ParseQuery(const Poco::JSON::Object::Ptr& o, const std::string& where) {
  EvalQuery q;
  q.id = Need(o, "id", where);
  const std::string at = where + " " + q.id;
  q.kind = Need(o, "kind", at);
  q.q = Need(o, "q", at);
  if (const auto facets = o->getObject("facets")) {
    for (const std::string& name : facets->getNames()) {
      const auto values = facets->getArray(name);
      if (!values || values->size() == 0) throw std::runtime_error(at + ": empty facet " + name);
      for (std::size_t i = 0; i < values->size(); ++i) {
        q.facets[name].push_back(values->getElement<std::string>(static_cast<unsigned>(i)));
      }
    }
  }
  const auto judgments = o->getObject("judgments");
  if (!judgments || judgments->size() == 0) throw std::runtime_error(at + ": no judgments");
  for (const std::string& key : judgments->getNames()) {
    const int grade = judgments->getValue<int>(key);
    if (grade < 1 || grade > 2) throw std::runtime_error(at + ": grade of " + key + " not 1..2");
    q.judgments[key] = grade;
  }
  if (!q.facets.empty() &&
      std::none_of(q.judgments.begin(), q.judgments.end(), [](auto& j) { return j.second == 2; })) {
    throw std::runtime_error(at + ": a facet query needs grade-2 judgments (its exact answer)");
  }
  return q;
}

// Splits "a/b/c" on '/'; empty parts are dropped.
std::vector<std::string> Parts(const std::string& s) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == '/') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

bool Matches(const std::string& key, const RecordRef& r, const std::string& folded_title) {
  const std::size_t colon = key.find(':');
  const std::string src = key.substr(0, colon);
  if (r.source.rfind(src, 0) != 0) return false;
  if (colon == std::string::npos) return true;
  std::size_t at = 0;
  for (const std::string& part : Parts(FoldForKey(key.substr(colon + 1)))) {
    at = folded_title.find(part, at);
    if (at == std::string::npos) return false;
    at += part.size();
  }
  return true;
}

}  // namespace

std::string FoldForKey(const std::string& text) {
  static std::mutex mutex;
  static std::unique_ptr<icu::Transliterator> fold;
  std::lock_guard<std::mutex> lock(mutex);
  if (!fold) {
    UErrorCode status = U_ZERO_ERROR;
    fold.reset(icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; Lower; NFC",
                                                   UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot create folding transliterator");
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  fold->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::vector<EvalQuery> LoadQueries(const std::string& path) {
  Poco::JSON::Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(ReadFile(path)).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error(path + ": " + e.displayText());
  }
  const auto list = root->getArray("queries");
  if (!list) throw std::runtime_error(path + ": no \"queries\" array");
  std::vector<EvalQuery> queries;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    queries.push_back(ParseQuery(list->getObject(static_cast<unsigned>(i)),
                                 path + ": query " + std::to_string(i + 1)));
    if (!ids.insert(queries.back().id).second) {
      throw std::runtime_error(path + ": duplicate query id " + queries.back().id);
    }
  }
  return queries;
}

void Resolve(std::vector<EvalQuery>& queries, const std::vector<RecordRef>& records) {
  std::vector<std::string> titles;
  for (const RecordRef& r : records) titles.push_back(FoldForKey(r.title));
  std::map<std::string, std::string> resolved;  // key -> record id, shared across queries
  std::ostringstream errors;
  for (EvalQuery& q : queries) {
    q.grades.clear();
    for (const auto& [key, grade] : q.judgments) {
      auto it = resolved.find(key);
      if (it == resolved.end()) {
        std::vector<std::string> hits;
        for (std::size_t i = 0; i < records.size(); ++i) {
          if (Matches(key, records[i], titles[i])) hits.push_back(records[i].id);
        }
        if (hits.size() != 1) {
          errors << "  " << q.id << ": key \"" << key << "\" matches " << hits.size() << " records";
          for (std::size_t i = 0; i < hits.size() && i < 5; ++i)
            errors << (i ? ", " : ": ") << hits[i];
          errors << '\n';
          continue;
        }
        it = resolved.emplace(key, hits[0]).first;
      }
      if (!q.grades.emplace(it->second, grade).second) {
        errors << "  " << q.id << ": two keys name record " << it->second << '\n';
      }
    }
  }
  if (!errors.str().empty()) {
    throw std::runtime_error("judgment keys do not resolve to exactly one record:\n" +
                             errors.str());
  }
}

Scores Score(const std::vector<std::string>& ranking, const std::map<std::string, int>& grades) {
  Scores s;
  auto grade = [&](const std::string& id) {
    const auto it = grades.find(id);
    return it == grades.end() ? 0 : it->second;
  };
  double dcg = 0;
  std::size_t found = 0;
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    const int g = grade(ranking[i]);
    if (g > 0 && s.mrr == 0) s.mrr = 1.0 / static_cast<double>(i + 1);
    if (i < 10) {
      dcg += (std::pow(2.0, g) - 1) / std::log2(static_cast<double>(i) + 2);
      if (g > 0) ++found;
    }
  }
  std::vector<int> ideal;
  for (const auto& [id, g] : grades) ideal.push_back(g);
  std::sort(ideal.rbegin(), ideal.rend());
  double idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) {
    idcg += (std::pow(2.0, ideal[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  }
  s.ndcg10 = idcg > 0 ? dcg / idcg : 0;
  s.recall10 = grades.empty() ? 0 : static_cast<double>(found) / static_cast<double>(grades.size());
  return s;
}

}  // namespace coop::bench
