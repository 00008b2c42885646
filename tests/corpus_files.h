// The names of the five documents in corpus/, once: tests refer to them by what they are, not by
// their hashed file names. Facts from corpus/manifest.json and /work/shared/corpus/README.md;
// comments elsewhere in tests/ call the documents by their number (000 to 004).
#ifndef COOP_TESTS_CORPUS_FILES_H_
#define COOP_TESTS_CORPUS_FILES_H_

#include <array>
#include <string>
#include <string_view>

namespace coop::testing {

/// 000: "Expériences de coopération", slides of the Commune urbaine de Ksar El Kebir (about
/// 2010): cooperation with the Junta de Andalucía and Fondation ESAN, the tannery (Dar Dbagh),
/// medina and city-wall projects, budgets in € and dirhams. Morocco, Spain. One document record.
inline constexpr char kKsarElKebir[] = "000_959c21865eb3db85.txt";

/// 001: "Répertoire des partenariats de coopération décentralisée franco-marocains", Cités Unies
/// France with PAD Maroc (PDF, July 2008): one entry per French–Moroccan partnership (mayors,
/// legal framework, domains, projects, budgets), then a synthesis by domain and annexes.
inline constexpr char kRepertoire[] = "001_d5314e58f61e8ef9.txt";

/// 002: "Relevé de décisions, réunion du groupe pays Maroc", Cités Unies France (PDF, Marseille,
/// 17 February 2016): French local governments and their Moroccan partners after the 2015
/// elections and regional reform. Morocco, France. One document record.
inline constexpr char kGroupePaysMaroc[] = "002_c984a39fa1b6c906.txt";

/// 003: "Coopération GIZ & commune de Taroudant", DGCL and GIZ (slides, about 2019): medina
/// strategy, communes citoyennes, citizen participation; some Arabic script. Morocco, Germany.
/// One document record.
inline constexpr char kTaroudant[] = "003_78bcbdc1738f4c95.txt";

/// 004: Belgian federal programme of international municipal cooperation (CIC) 2017–2021,
/// Morocco chapter, AVCB / Brulocalis for the DGD (PDF, 2016–2017): ten Brussels/Walloon–Moroccan
/// commune partnerships, theory of change, risk analysis, logical framework.
inline constexpr char kBelgianCic[] = "004_f52165ab902bcf67.txt";

/// All five, in corpus order (000 to 004).
inline constexpr std::array<const char*, 5> kAllDocuments = {
    kKsarElKebir, kRepertoire, kGroupePaysMaroc, kTaroudant, kBelgianCic};

/// The id the indexer gives record `n` (0-based) of corpus file `file`: the file name without
/// ".txt", "-r", then n; e.g. RecordId(kKsarElKebir, 0) is "000_959c21865eb3db85-r0".
/// `file` must end in ".txt".
inline std::string RecordId(std::string_view file, int n) {
  file.remove_suffix(std::string_view(".txt").size());
  return std::string(file) + "-r" + std::to_string(n);
}

}  // namespace coop::testing

#endif  // COOP_TESTS_CORPUS_FILES_H_
