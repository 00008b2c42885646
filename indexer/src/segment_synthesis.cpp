// Synthesis-by-domain part of a repertoire (001 l.7980-8250, "Synthèse des coopérations par
// domaines d'intervention"): domain headings, bulleted sub-domain headings ("➤ Eau &
// assainissement") and under them the partnerships of that (sub-)domain, one per line, written
// like the contents entries but not always like the record's own head ("Conseil Régional",
// "Montereau Fault Yonne", "Tifle" for "Tiflet", "Commune urbaine de Souk El Khémis" for the
// "Commune rurale" of the body). The lines are matched to the partnership records of the same
// document on folded words; the Enricher turns the heading paths into thesaurus labels.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "coop/segmenter.h"
#include "segment_internal.h"

namespace coop::seg {
namespace {

constexpr std::string_view kPathSeparator = " \xE2\x80\xBA ";  // " › ", as in passage headings
constexpr double kMinScore = 0.75;
constexpr std::size_t kMinPrefix = 4;  // letters of a cut last word ("tifle")

// If `s` starts with a bullet (a symbol, dash or other punctuation that is not an opening
// bracket, quote or Markdown '*'), sets `rest` to the text after it and returns true.
bool StripBullet(std::string_view s, std::string_view& rest) {
  std::int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<std::int32_t>(s.size()), c);
  if (c <= 0 || u_isalnum(c) || c == '*' || u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK)) {
    return false;
  }
  const auto type = static_cast<UCharCategory>(u_charType(c));
  if (type != U_OTHER_SYMBOL && type != U_MATH_SYMBOL && type != U_DASH_PUNCTUATION &&
      type != U_OTHER_PUNCTUATION) {
    return false;
  }
  rest = s.substr(static_cast<std::size_t>(i));
  return true;
}

// A heading as written, without Markdown bold markers: "**Tourisme**" -> "Tourisme".
std::string HeadingText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '*') out.push_back(c);
  }
  return CleanTitle(out);
}

// A contents line ends with a page reference: "Ville de Paris/Commune urbaine de Rabat\tp.53".
bool EndsWithPageRef(std::string_view t) {
  const std::size_t p = t.rfind("p.");
  return p != std::string_view::npos && p > 0 && p + 2 < t.size() &&
         (t[p - 1] == ' ' || t[p - 1] == '\t') &&
         std::all_of(t.begin() + static_cast<long>(p) + 2, t.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Share of the line name's words found in the record's partner name (see ApplyDomainSynthesis).
double NameScore(const std::vector<std::string>& line, const std::vector<std::string>& partner) {
  if (line.empty() || partner.empty()) return 0;
  std::size_t common = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const std::string& w = line[i];
    const bool cut = i + 1 == line.size() && w.size() >= kMinPrefix;
    common += std::any_of(partner.begin(), partner.end(), [&](const std::string& v) {
      return v == w || (cut && v.rfind(w, 0) == 0);
    });
  }
  return static_cast<double>(common) / static_cast<double>(std::max(line.size(), partner.size()));
}

// Which side of a "foreign actor/Moroccan actor" line, and so which of a record's partners.
enum class Side { kForeign, kMoroccan };

// Lowest over the side's actors of the best score against the record's partners of that side.
double SideScore(const std::vector<std::vector<std::string>>& side, const Record& r, Side which) {
  const bool moroccan = which == Side::kMoroccan;
  double lowest = 1;
  for (const std::vector<std::string>& name : side) {
    double best = 0;
    for (const Partner& p : r.partners) {
      if ((p.country == "Maroc") != moroccan) continue;
      best = std::max(best, NameScore(name, NameWordList(Fold(p.name, kKeyFold))));
    }
    lowest = std::min(lowest, best);
  }
  return side.empty() ? 0 : lowest;
}

std::vector<std::vector<std::string>> SideNames(std::string_view side) {
  std::vector<std::vector<std::string>> out;
  if (Trim(side).empty()) return out;
  for (const std::string& name : SplitActorNames(side))
    out.push_back(NameWordList(Fold(name, kKeyFold)));
  return out;
}

}  // namespace

std::vector<SynthesisLine> DomainSynthesis(std::string_view text, std::size_t begin,
                                           std::size_t end) {
  std::vector<SynthesisLine> out;
  std::string domain, sub_domain;
  std::size_t pairs = 0, prose = 0;
  bool title_seen = false;
  const std::string_view part = text.substr(begin, end - begin);
  for (const Line& l : Lines(part)) {
    const std::string_view t = Trim(part.substr(l.begin, l.end - l.begin));
    if (t.empty()) continue;
    if (!title_seen) {  // the part's own title line
      title_seen = true;
      continue;
    }
    if (EndsWithPageRef(t)) return {};  // a table of contents, not a synthesis
    std::string_view rest;
    if (StripBullet(t, rest)) {
      sub_domain = HeadingText(rest);
    } else if (!ActorTypeOf(t).empty() && t.size() <= 200) {
      if (domain.empty()) return {};  // lines before any heading: not this structure
      pairs += t.find('/') != std::string_view::npos;
      out.push_back({domain, sub_domain, CleanTitle(t), begin + l.begin});
    } else if (t.size() <= 80 && t.find('/') == std::string_view::npos &&
               std::string_view(".;,:").find(t.back()) == std::string_view::npos) {
      domain = HeadingText(t);
      sub_domain.clear();
    } else {
      ++prose;
    }
  }
  if (pairs < 5 || prose * 10 > pairs) return {};
  return out;
}

std::vector<SynthesisLine> ApplyDomainSynthesis(const std::vector<SynthesisLine>& lines,
                                                std::vector<Record>& records) {
  std::vector<SynthesisLine> unmatched;
  for (const SynthesisLine& line : lines) {
    const std::size_t slash = line.text.find('/');
    const auto foreign = SideNames(std::string_view(line.text).substr(0, slash));
    const auto moroccan = slash == std::string::npos
                              ? std::vector<std::vector<std::string>>{}
                              : SideNames(std::string_view(line.text).substr(slash + 1));
    double best = 0, second = 0;
    std::size_t best_k = records.size();
    for (std::size_t k = 0; k < records.size(); ++k) {
      if (records[k].kind != "partnership") continue;
      double score = SideScore(foreign, records[k], Side::kForeign);
      if (!moroccan.empty()) {
        score = std::min(score, SideScore(moroccan, records[k], Side::kMoroccan));
      }
      if (score > best) {
        second = best;
        best = score;
        best_k = k;
      } else {
        second = std::max(second, score);
      }
    }
    if (best < kMinScore || second >= best) {
      unmatched.push_back(line);
      continue;
    }
    std::string path = line.domain;
    if (!line.sub_domain.empty()) path += std::string(kPathSeparator) + line.sub_domain;
    std::vector<std::string>& paths = records[best_k].annex_domains;
    if (std::find(paths.begin(), paths.end(), path) == paths.end()) paths.push_back(path);
  }
  return unmatched;
}

}  // namespace coop::seg
