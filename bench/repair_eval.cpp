// repair_eval: false-join and missed-join rates of the split-word repair (issue 3).
//
// 1. Real damage: the joins the Analyzer makes on corpus/*.txt are compared with kTruth, the
//    list of stray-space splits found by reading every candidate pair of the corpus (a letter-only
//    piece next to another, one space apart, at least one piece not a known word: 877 pairs; plus
//    the 203 pairs of two known words whose concatenation is a word). See BENCHMARKS.md.
// 2. Synthetic damage: every 7th clean word (ASCII letters, >= 4 letters) of 002-004, files
//    without stray-space damage, is split by a space at a varying place; the tool counts how many
//    come back whole (recall) and any join elsewhere (false joins).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "coop/analyzer.h"

namespace {

struct Split {
  const char* file_prefix;
  const char* surface;
};

// Hand-checked: every stray-space split of the corpus (all on the slides of 000).
const Split kTruth[] = {
    {"000", "Es pagne"},     {"000", "po rtant"},  {"000", "communa le"},   {"000", "E spagnole"},
    {"000", "C oopération"}, {"000", "d e"},       {"000", "dr oits"},      {"000", "matièr e"},
    {"000", "équit é"},      {"000", "d e"},       {"000", "généra tions"}, {"000", "Espa gnole"},
    {"000", "libert é"},     {"000", "t iennent"}, {"000", "loc al"},
};

std::map<std::string, std::string> ReadCorpus() {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(COOP_CORPUS_DIR)) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    out[e.path().filename().string()] = s.str();
  }
  return out;
}

void RealDamage(coop::Analyzer& analyzer, const std::map<std::string, std::string>& corpus) {
  std::multiset<std::pair<std::string, std::string>> truth, made;
  for (const Split& s : kTruth) truth.insert({s.file_prefix, s.surface});
  for (const auto& [name, text] : corpus) {
    for (const coop::Token& t : analyzer.Analyze(text)) {
      const std::string surface = text.substr(t.begin, t.end - t.begin);
      if (t.repaired && surface.find(' ') != std::string::npos) {
        made.insert({name.substr(0, 3), surface});
      }
    }
  }
  std::size_t right = 0;
  for (const auto& m : made) right += truth.count(m) > 0;
  std::cout << "real damage: " << truth.size() << " splits in the corpus, " << made.size()
            << " joins made, " << right << " right\n"
            << "  false-join rate " << (made.size() - right) << "/" << made.size()
            << ", missed-join rate " << (truth.size() - right) << "/" << truth.size() << '\n';
  for (const auto& m : made) {
    if (!truth.count(m)) std::cout << "  false join: " << m.first << " \"" << m.second << "\"\n";
  }
  for (const auto& t : truth) {
    if (!made.count(t)) std::cout << "  missed: " << t.first << " \"" << t.second << "\"\n";
  }
}

void SyntheticDamage(coop::Analyzer& analyzer, const std::map<std::string, std::string>& corpus) {
  coop::AnalyzerOptions raw;
  raw.compounds = raw.repair = false;
  coop::Analyzer plain(raw);
  std::size_t splits = 0, rejoined = 0, false_joins = 0;
  std::map<std::string, int> missed;
  for (const auto& [name, text] : corpus) {
    if (name.rfind("000", 0) == 0 || name.rfind("001", 0) == 0)
      continue;  // 001: too big, same kind
    std::string damaged;
    std::map<std::size_t, std::string> expected;  // offset in `damaged` -> term
    std::size_t cursor = 0, eligible = 0;
    for (const coop::Token& t : plain.Analyze(text)) {
      const std::string surface = text.substr(t.begin, t.end - t.begin);
      const bool ascii_letters =
          surface.size() >= 4 && std::all_of(surface.begin(), surface.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
          });
      if (!ascii_letters || eligible++ % 7 != 0) continue;
      const std::size_t cut = 1 + (eligible % (surface.size() - 1));
      damaged.append(text, cursor, t.begin - cursor);
      expected[damaged.size()] = t.term;
      damaged.append(surface.substr(0, cut)).append(" ").append(surface.substr(cut));
      cursor = t.end;
    }
    damaged.append(text, cursor, std::string::npos);
    splits += expected.size();
    for (const coop::Token& t : analyzer.Analyze(damaged)) {
      if (!t.repaired) continue;
      auto it = expected.find(t.begin);
      if (it != expected.end() && it->second == t.term) {
        ++rejoined;
        expected.erase(it);
      } else if (it == expected.end()) {
        ++false_joins;
      }
    }
    for (const auto& [offset, term] : expected) ++missed[term];
  }
  std::cout << "synthetic damage (002-004): " << splits << " words split, " << rejoined
            << " rejoined (missed-join rate " << (splits - rejoined) << "/" << splits << "), "
            << false_joins << " false joins\n  most missed:";
  std::vector<std::pair<int, std::string>> worst;
  for (const auto& [term, n] : missed) worst.push_back({n, term});
  std::sort(worst.rbegin(), worst.rend());
  for (std::size_t i = 0; i < std::min<std::size_t>(12, worst.size()); ++i) {
    std::cout << ' ' << worst[i].second << '(' << worst[i].first << ')';
  }
  std::cout << '\n';
}

}  // namespace

int main() {
  coop::Analyzer analyzer;
  const auto corpus = ReadCorpus();
  RealDamage(analyzer, corpus);
  SyntheticDamage(analyzer, corpus);
  return 0;
}
