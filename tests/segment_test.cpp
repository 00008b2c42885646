// Record and passage extraction on the real corpus. Expectations are read off the documents
// by hand (line numbers of 001 and 004, kRepertoire and kBelgianCic in corpus_files.h, given in
// comments).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>

#include "coop/corpus.h"
#include "coop/index_builder.h"
#include "coop/segmenter.h"
#include "corpus_files.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kBelgianCic;
using testing::kGroupePaysMaroc;
using testing::kKsarElKebir;
using testing::kRepertoire;
using testing::kTaroudant;
using testing::RecordId;

std::vector<Record> Segment(const std::string& file) {
  static const Manifest manifest = LoadManifest(testing::CorpusDir() + "/manifest.json");
  static std::map<std::string, std::vector<Record>> cache;
  auto it = cache.find(file);
  if (it == cache.end()) {
    it = cache.emplace(file, SegmentDocument(*manifest.Find(file), testing::ReadCorpusFile(file)))
             .first;
  }
  return it->second;
}

const Record& ByTitle(const std::vector<Record>& records, const std::string& title) {
  for (const Record& r : records) {
    if (r.title == title) return r;
  }
  ADD_FAILURE() << "no record titled " << title;
  static const Record none;
  return none;
}

void ExpectPartner(const Record& r, std::size_t i, const std::string& name,
                   const std::string& country, const std::string& type) {
  ASSERT_LT(i, r.partners.size()) << r.title;
  EXPECT_EQ(r.partners[i].name, name) << r.title;
  EXPECT_EQ(r.partners[i].country, country) << r.title;
  EXPECT_EQ(r.partners[i].actor_type, type) << r.title;
}

bool HasBudget(const Record& r, double amount, const std::string& currency,
               const std::string& funds) {
  return std::any_of(r.budgets.begin(), r.budgets.end(), [&](const Budget& b) {
    return std::abs(b.amount - amount) < 0.005 && b.currency == currency && b.funds == funds;
  });
}

std::size_t Kind(const std::vector<Record>& records, const std::string& kind) {
  return static_cast<std::size_t>(std::count_if(records.begin(), records.end(),
                                                [&](const Record& r) { return r.kind == kind; }));
}

TEST(Segment, RecordCountsPerDocument) {
  // 001: the contents list 42 "A/B" partnership entries (lines 22-72; the "41" is one
  // short: 26 villes + 2 communautés urbaines + 5 conseils généraux + 9 conseils régionaux),
  // plus the 5 "Autres partenariats répertoriés"; document parts: front matter (title and
  // contents), Éditorial, the DGCL letter, the synthesis by domain, the annexes.
  const auto r001 = Segment(kRepertoire);
  EXPECT_EQ(Kind(r001, "partnership"), 47u);
  EXPECT_EQ(Kind(r001, "document"), 5u);
  // 004: 10 partnership forms; document parts: 1, 3, 4, 5, 6 and the six subsections of 7.
  const auto r004 = Segment(kBelgianCic);
  EXPECT_EQ(Kind(r004, "partnership"), 10u);
  EXPECT_EQ(Kind(r004, "document"), 11u);
  for (const std::string file : {kKsarElKebir, kGroupePaysMaroc, kTaroudant}) {
    const auto records = Segment(file);
    ASSERT_EQ(records.size(), 1u) << file;
    EXPECT_EQ(records[0].kind, "document");
  }
}

TEST(Segment, RecordsTileTheTextAndPassagesCoverEveryByteOnce) {
  for (const std::string& file : ListSourceFiles(testing::CorpusDir())) {
    const std::string text = testing::ReadCorpusFile(file);
    const auto records = Segment(file);
    ASSERT_FALSE(records.empty()) << file;
    std::size_t expected_begin = 0, last_end = 0, covered = 0;
    for (std::size_t n = 0; n < records.size(); ++n) {
      const Record& r = records[n];
      EXPECT_EQ(r.id, SourceStem(file) + "-r" + std::to_string(n));
      EXPECT_EQ(r.begin, expected_begin) << r.id;
      expected_begin = r.end;
      for (std::size_t k = 0; k < r.passages.size(); ++k) {
        const Passage& p = r.passages[k];
        EXPECT_EQ(p.id, r.id + "-p" + std::to_string(k));
        ASSERT_LT(p.begin, p.end) << p.id;
        ASSERT_GE(p.begin, std::max(last_end, r.begin)) << p.id;
        ASSERT_LE(p.end, r.end) << p.id;
        ASSERT_EQ(p.text, text.substr(p.begin, p.end - p.begin)) << p.id;
        EXPECT_LE(p.text.size(), 2400u) << p.id;
        for (char c : p.text) covered += !(c == ' ' || c == '\n' || c == '\r' || c == '\t');
        last_end = p.end;
      }
    }
    EXPECT_EQ(expected_begin, text.size()) << file;
    const auto non_blank = std::count_if(text.begin(), text.end(), [](char c) {
      return !(c == ' ' || c == '\n' || c == '\r' || c == '\t');
    });
    EXPECT_EQ(covered, static_cast<std::size_t>(non_blank)) << file;
  }
}

TEST(Segment, RepertoirePartnerships) {
  const auto records = Segment(kRepertoire);
  // Lines 151-164, 194-202.
  const Record& aix = ByTitle(records, "Ville d'Aix-en-Provence / Commune urbaine d'Oujda");
  EXPECT_EQ(aix.kind, "partnership");
  EXPECT_EQ(aix.id, RecordId(kRepertoire, 3));
  ExpectPartner(aix, 0, "Ville d'Aix-en-Provence", "France", "ville");
  ExpectPartner(aix, 1, "Commune urbaine d'Oujda", "Maroc", "commune urbaine");
  EXPECT_EQ(aix.legal_framework, "Convention cadre de coopération décentralisée.");
  EXPECT_EQ(aix.domains_text,
            "Développement urbain ; Aménagement ; Développement durable ; Coopération "
            "universitaire ; Culture ; Société civile ; Appui institutionnel.");
  EXPECT_EQ(aix.years, (std::vector<int>{1998}));
  EXPECT_TRUE(HasBudget(aix, 2032800, "MAD", "Coût total du projet"));
  EXPECT_TRUE(HasBudget(aix, 816560, "MAD", "Aix-en-Provence"));
  EXPECT_TRUE(HasBudget(aix, 200000, "EUR", "Aix-en-Provence"));
  EXPECT_EQ(aix.countries, (std::vector<std::string>{"France", "Maroc"}));

  // Lines 358-370.
  const Record& ajaccio = ByTitle(records, "Ville d'Ajaccio / Commune urbaine de Marrakech");
  EXPECT_EQ(ajaccio.legal_framework, "Accord Cadre de Coopération.");
  EXPECT_EQ(ajaccio.domains_text, "Appui institutionnel ; Développement économique ; Jeunesse.");
  EXPECT_EQ(ajaccio.years, (std::vector<int>{2006}));

  // Lines 481-493: years of the date and of the historique ("de 1993 à 1997").
  const Record& belfort = ByTitle(records, "Ville de Belfort / Commune urbaine de Mohammedia");
  EXPECT_EQ(belfort.years, (std::vector<int>{1993, 1997, 2005}));
  EXPECT_EQ(belfort.legal_framework,
            "Convention de coopération (adoptée par les deux assemblées délibérantes).");

  // Lines 1146-1158: "Domaine d'activités" (singular), two dates.
  const Record& clermont =
      ByTitle(records, "Ville de Clermont-Ferrand / Commune urbaine de Marrakech");
  EXPECT_EQ(clermont.domains_text, "Développement urbain.");
  EXPECT_EQ(clermont.years, (std::vector<int>{1998, 2003}));
  EXPECT_TRUE(HasBudget(clermont, 540000, "MAD", "Clermont-Ferrand"));

  // Lines 632-642.
  const Record& bordeaux = ByTitle(records, "Ville de Bordeaux / Commune urbaine de Casablanca");
  EXPECT_EQ(bordeaux.legal_framework, "Accord de jumelage.");
  EXPECT_EQ(bordeaux.years, (std::vector<int>{1988}));

  // Lines 1028-1042, 1078: the body says "Commune rurale", the contents "Commune urbaine".
  const Record& cleon = ByTitle(records, "Ville de Cléon / Commune rurale de Souk El Khémis");
  ExpectPartner(cleon, 1, "Commune rurale de Souk El Khémis", "Maroc", "commune rurale");
  EXPECT_EQ(cleon.years, (std::vector<int>{2005, 2006}));
  EXPECT_EQ(cleon.domains_text, "Culture ; Éducation ; Société civile.");
  EXPECT_TRUE(HasBudget(cleon, 10000, "EUR", "Cléon"));
}

TEST(Segment, RepertoireMultiActorAndRenamedEntries) {
  const auto records = Segment(kRepertoire);
  // Marseille (lines 1774-2118): ONE record with the four Moroccan communes.
  const Record& marseille =
      ByTitle(records, "Ville de Marseille / Communes urbaines de Rabat, Meknès, Marrakech et Fès");
  ASSERT_EQ(marseille.partners.size(), 5u);
  ExpectPartner(marseille, 0, "Ville de Marseille", "France", "ville");
  ExpectPartner(marseille, 1, "Commune urbaine de Rabat", "Maroc", "commune urbaine");
  ExpectPartner(marseille, 2, "Commune urbaine de Meknès", "Maroc", "commune urbaine");
  ExpectPartner(marseille, 3, "Commune urbaine de Marrakech", "Maroc", "commune urbaine");
  ExpectPartner(marseille, 4, "Commune urbaine de Fès", "Maroc", "commune urbaine");
  EXPECT_EQ(marseille.legal_framework.rfind("Accord de coopération signé en août 1989", 0), 0u);
  EXPECT_TRUE(std::count(marseille.years.begin(), marseille.years.end(), 1989));
  EXPECT_TRUE(HasBudget(marseille, 1600000, "MAD", "Marseille"));
  EXPECT_FALSE(HasBudget(marseille, 140000, "EUR", "Marseille"));  // "(140 000€)": conversion

  // Lyon (lines 4418-4430): body heading differs from the contents line.
  const Record& lyon =
      ByTitle(records, "Ville et Communauté urbaine de Lyon / Commune urbaine de Rabat");
  ExpectPartner(lyon, 0, "Ville et Communauté urbaine de Lyon", "France", "ville");
  EXPECT_NE(lyon.legal_framework.find("; Protocole de coopération, 24 octobre 2002."),
            std::string::npos);
  EXPECT_EQ(lyon.years, (std::vector<int>{2002}));

  // Isère (lines 4950-4960): "Tadla-Azilal" in the body, "Tadla Azilal" in the contents.
  const Record& isere =
      ByTitle(records, "Conseil général de l'Isère / Conseil régional de Tadla-Azilal");
  ExpectPartner(isere, 0, "Conseil général de l'Isère", "France", "conseil général");
  ExpectPartner(isere, 1, "Conseil régional de Tadla-Azilal", "Maroc", "conseil régional");
  EXPECT_EQ(isere.years, (std::vector<int>{2004}));
  EXPECT_TRUE(HasBudget(isere, 273000, "EUR", "Cofinancement PAD"));

  ExpectPartner(ByTitle(records, "Conseil général de l'Allier / Cercle de Tiflet"), 1,
                "Cercle de Tiflet", "Maroc", "cercle");
  ExpectPartner(ByTitle(records, "Conseil général de Loire-Atlantique / Préfecture d'Agadir"), 1,
                "Préfecture d'Agadir", "Maroc", "préfecture");
  ExpectPartner(ByTitle(records, "Communauté urbaine Nantes Métropole / Commune urbaine d'Agadir"),
                0, "Communauté urbaine Nantes Métropole", "France", "communauté urbaine");
  // Lines 6606-6618: "Date : Automne 2007."
  const Record& fc = ByTitle(records, "Conseil régional de Franche-Comté / Province de Ouarzazate");
  ExpectPartner(fc, 1, "Province de Ouarzazate", "Maroc", "province");
  EXPECT_EQ(fc.years, (std::vector<int>{2007}));
  // Lines 6112-6120: two Moroccan communes, no agreement signed.
  const Record& bourgogne = ByTitle(
      records, "Conseil régional de Bourgogne / Communes urbaines de Marrakech et de Meknès");
  ASSERT_EQ(bourgogne.partners.size(), 3u);
  ExpectPartner(bourgogne, 2, "Commune urbaine de Meknès", "Maroc", "commune urbaine");
  EXPECT_EQ(bourgogne.legal_framework,
            "Aucun accord de coopération décentralisée signé - Projet en cours.");
  EXPECT_TRUE(bourgogne.years.empty());
  // Lines 6786-6796: no "Cadre juridique" line; date 2002, historique 1997 and 2003.
  const Record& lorraine =
      ByTitle(records, "Conseil régional de Lorraine / Conseil régional de Fès-Boulemane");
  EXPECT_TRUE(lorraine.legal_framework.empty());
  EXPECT_EQ(lorraine.years, (std::vector<int>{1997, 2002, 2003}));
  // Lines 6207-6211: signatures 1999 and 2000, renewal 2004; domains on the following lines.
  const Record& ca =
      ByTitle(records, "Conseil régional de Champagne-Ardenne / Conseil régional de l'Oriental");
  EXPECT_EQ(ca.years, (std::vector<int>{1999, 2000, 2004}));
  EXPECT_EQ(ca.domains_text.rfind("Quatre grands axes ont été retenus", 0), 0u);
  EXPECT_TRUE(HasBudget(ca, 82598.31, "MAD", "Formation"));
}

TEST(Segment, RepertoireOtherPartnershipsAndDocumentParts) {
  const auto records = Segment(kRepertoire);
  // Lines 7914-7976.
  const Record& maubeuge = ByTitle(records, "Ville de Maubeuge / Commune urbaine de Ouarzazate");
  EXPECT_EQ(maubeuge.kind, "partnership");
  EXPECT_EQ(maubeuge.legal_framework, "Convention de partenariat et de jumelage, 27 octobre 2006");
  EXPECT_EQ(maubeuge.years, (std::vector<int>{2006}));
  EXPECT_EQ(ByTitle(records, "Ville de Saint-Germain-en-Laye / Commune urbaine de Temara").years,
            (std::vector<int>{1982}));
  const Record& woippy = ByTitle(records, "Ville de Woippy / Commune urbaine de Salé");
  EXPECT_TRUE(woippy.legal_framework.empty());  // "→ 14 janvier 2005" is only a date
  EXPECT_EQ(woippy.years, (std::vector<int>{2005}));
  EXPECT_EQ(
      ByTitle(records, "Ville de Clichy-la-Garenne / Commune urbaine d'Agadir").legal_framework,
      "Jumelage de protocole non formel");
  ByTitle(records, "Ville de Montpellier / Commune urbaine de Fès");

  for (const std::string title :
       {"Éditorial", "La coopération décentralisée franco-marocaine",
        "SYNTHÈSE DES COOPÉRATIONS PAR DOMAINES D'INTERVENTION", "ANNEXES"}) {
    const Record& r = ByTitle(records, title);
    EXPECT_EQ(r.kind, "document") << title;
    EXPECT_TRUE(r.budgets.empty()) << title;
  }
  // The DGCL letter (lines 116-145) starts with its salutation.
  const Record& letter = ByTitle(records, "La coopération décentralisée franco-marocaine");
  EXPECT_EQ(letter.passages.front().text.rfind("Madame, Monsieur,", 0), 0u);
}

using Strings = std::vector<std::string>;

TEST(Segment, SynthesisByDomainLinesAllNameTheirPartnership) {
  const auto records = Segment(kRepertoire);
  const std::string text = testing::ReadCorpusFile(kRepertoire);
  const Record& synthesis =
      ByTitle(records, "SYNTHÈSE DES COOPÉRATIONS PAR DOMAINES D'INTERVENTION");
  const auto lines = seg::DomainSynthesis(text, synthesis.begin, synthesis.end);
  // Lines 7982-8250 (counted with grep): 135 "A/B" lines and one line the extraction cut after
  // its first actor ("Conseil général de Seine-Saint-Denis", l.8022).
  ASSERT_EQ(lines.size(), 136u);
  EXPECT_EQ(lines.front().domain, "Développement urbain");
  EXPECT_EQ(lines.front().sub_domain, "Aménagement");
  EXPECT_EQ(lines.front().text, "Ville d'Aix-en-Provence/Commune urbaine d'Oujda");
  EXPECT_EQ(lines.back().domain, "Sport");
  EXPECT_EQ(lines.back().sub_domain, "");
  EXPECT_EQ(lines.back().text, "Ville de Poitiers/Commune urbaine d'Azrou");
  std::vector<Record> fresh = records;
  for (Record& r : fresh) r.annex_domains.clear();
  const auto unmatched = seg::ApplyDomainSynthesis(lines, fresh);
  std::string report;
  for (const auto& l : unmatched) report += l.text + "\n";
  EXPECT_TRUE(unmatched.empty()) << unmatched.size() << " of " << lines.size()
                                 << " annex lines name no record:\n"
                                 << report;
  std::cout << "[ annex    ] " << lines.size() - unmatched.size() << " of " << lines.size()
            << " annex lines matched, " << unmatched.size() << " unmatched\n";
  // 40 partnerships are listed: all 42 contents entries but the two communautés urbaines.
  std::size_t listed = 0;
  for (const Record& r : records) {
    listed += !r.annex_domains.empty();
    if (r.kind == "document" && &r != &synthesis) {
      EXPECT_TRUE(seg::DomainSynthesis(text, r.begin, r.end).empty()) << r.title;
    }
  }
  EXPECT_EQ(listed, 40u);
  EXPECT_TRUE(ByTitle(records, "Ville et Communauté urbaine de Lyon / Commune urbaine de Rabat")
                  .annex_domains.empty());
  for (const Record& r : Segment(kBelgianCic)) EXPECT_TRUE(r.annex_domains.empty()) << r.title;
}

TEST(Segment, SynthesisByDomainPathsOfPartnerships) {
  const auto records = Segment(kRepertoire);
  const auto paths = [&](const std::string& title) {
    return ByTitle(records, title).annex_domains;
  };
  // Each expectation lists the headings the record's lines stand under, read off l.7980-8250.
  EXPECT_EQ(paths("Ville de Montreuil / Commune urbaine d'Agadir"),
            (Strings{"Éducation et jeunesse › Chantiers et échanges de jeunes",
                     "Éducation et jeunesse › Coopération universitaire"}));
  EXPECT_EQ(paths("Conseil général de l'Hérault / Conseil régional de Souss Massa Drâa"),
            (Strings{"Environnement › Eau & assainissement"}));
  // "Ville de Vienne/Commune urbaine de Tifle" (l.8172): a cut word.
  EXPECT_EQ(paths("Ville de Vienne / Commune urbaine de Tiflet"),
            (Strings{"Environnement › Autres",
                     "Éducation et jeunesse › Chantiers et échanges de jeunes", "Patrimoine"}));
  // The cut line "Conseil général de Seine-Saint-Denis" (l.8022).
  EXPECT_EQ(paths("Conseil général de Seine-Saint-Denis / Commune urbaine de Figuig"),
            (Strings{"Développement urbain › Eau & assainissement"}));
  // Plural partner: "Communes urbaines de Marrakech et de Meknès" (l.8184).
  EXPECT_EQ(paths("Conseil régional de Bourgogne / Communes urbaines de Marrakech et de Meknès"),
            (Strings{"Éducation et jeunesse › Coopération universitaire"}));
  // Both "Commune rurale" (l.8134) and "Commune urbaine" (l.8190) de Souk El Khémis.
  EXPECT_EQ(paths("Ville de Caudebec-lès-Elbeuf / Commune urbaine de Souk El Khémis"),
            (Strings{"Développement social › Santé", "Éducation et jeunesse › Éducation"}));
  // "Conseil régional Rhône-Alpes/Conseil régional Rabat Salé Zemmour Zaer": no "de".
  EXPECT_EQ(paths("Conseil régional de Rhône-Alpes / Conseil régional de Rabat Salé Zemmour Zaer"),
            (Strings{"Environnement › Autres", "Développement social › Autres"}));
  EXPECT_EQ(paths("Ville de Montereau Fault Yonne / Commune urbaine de Safi"),
            (Strings{"Éducation et jeunesse › Chantiers et échanges de jeunes"}));
  EXPECT_EQ(paths("Ville de Poitiers / Commune urbaine d'Azrou"),
            (Strings{"Développement social › Insertion des femmes", "Sport"}));
  // Marseille's four communes: lines for Fès, Marrakech, Rabat and Meknès, one path each.
  EXPECT_EQ(
      paths("Ville de Marseille / Communes urbaines de Rabat, Meknès, Marrakech et Fès"),
      (Strings{"Développement urbain › Transports", "Développement économique › Tourisme",
               "Développement social › Renforcement de la société civile",
               "Éducation et jeunesse › Chantiers et échanges de jeunes",
               "Culture › Soutien aux lieux et événements culturels", "Patrimoine", "Sport"}));
  EXPECT_EQ(paths("Ville de Stains / Commune urbaine de Figuig"),
            (Strings{"Développement économique › Artisanat", "Développement économique › Autres",
                     "Développement social › Insertion des jeunes par l'économie",
                     "Éducation et jeunesse › Chantiers et échanges de jeunes",
                     "Culture › Échanges culturels", "Patrimoine"}));
  // "Conseil Régional de Tadla-Azilal" (l.8061) once, "Conseil régional" elsewhere.
  EXPECT_EQ(paths("Conseil général de l'Isère / Conseil régional de Tadla-Azilal"),
            (Strings{"Développement rural", "Développement économique › Tourisme",
                     "Développement économique › Artisanat",
                     "Développement social › Renforcement de la société civile",
                     "Développement social › Autres", "Culture › Autres", "Patrimoine"}));
  EXPECT_EQ(paths("Conseil général de Loire-Atlantique / Préfecture d'Agadir").size(), 11u);
  EXPECT_TRUE(paths("Ville de Clichy-la-Garenne / Commune urbaine d'Agadir").empty());
}

TEST(Segment, ProgrammePartnerships) {
  const auto records = Segment(kBelgianCic);
  // Lines 54-118.
  const Record& aud = records[1];
  EXPECT_EQ(aud.kind, "partnership");
  EXPECT_EQ(aud.title,
            "Commune d'Auderghem / Commune rurale d'Amerzgane, Commune rurale d'Aït Zineb");
  ASSERT_EQ(aud.partners.size(), 3u);
  ExpectPartner(aud, 0, "Commune d'Auderghem", "Belgique", "commune");
  ExpectPartner(aud, 1, "Commune rurale d'Amerzgane", "Maroc", "commune rurale");
  ExpectPartner(aud, 2, "Commune rurale d'Aït Zineb", "Maroc", "commune rurale");
  EXPECT_EQ(aud.years, (std::vector<int>{2007}));
  EXPECT_TRUE(HasBudget(aud, 215425.65, "EUR", "Budget OS 1"));
  EXPECT_EQ(aud.countries, (std::vector<std::string>{"Belgique", "Maroc"}));
  // Lines 120-175: start date "en cours de signature".
  const Record& ett = ByTitle(records, "Commune d'Etterbeek / Commune d'Aït Baha");
  EXPECT_TRUE(ett.years.empty());
  EXPECT_TRUE(HasBudget(ett, 150145.16, "EUR", "Budget OS 1"));
  // Lines 352-399: "Nom complet et abréviation Commune de Gourrama" has no colon.
  const Record& hulpe = ByTitle(records, "Commune de La Hulpe / Commune de Gourrama");
  ExpectPartner(hulpe, 1, "Commune de Gourrama", "Maroc", "commune");
  EXPECT_EQ(hulpe.years, (std::vector<int>{2014}));
  // Lines 500-566.
  const Record& sj = ByTitle(
      records,
      "Commune de Saint-Josse-ten-Noode / Commune de Ain Bni Mathar, Commune de Beni Mathar");
  ASSERT_EQ(sj.partners.size(), 3u);
  EXPECT_EQ(sj.years, (std::vector<int>{2011}));
  EXPECT_EQ(records[10].title, "Commune de Schaerbeek / Commune d'Al Hoceima");
  EXPECT_EQ(records[10].years, (std::vector<int>{2008}));
}

TEST(Segment, ProgrammeDocumentSections) {
  const auto records = Segment(kBelgianCic);
  EXPECT_EQ(records[0].title, "1. Fiche Maroc");
  EXPECT_TRUE(HasBudget(records[0], 2030531.24, "EUR", "Coûts opérationnels totaux pour le pays"));
  EXPECT_EQ(records[12].title, "4. Théorie du Changement associée au Maroc");
  EXPECT_EQ(records[13].title, "5. Analyse des risques associée au Maroc");
  EXPECT_EQ(records[14].title,
            "6. Description de la prise en compte des recommandations formulées dans le cadre du "
            "Dialogue stratégique lié au CSC Maroc");
  EXPECT_EQ(records[16].title, "7.2. Description des résultats Outcome/Objectif spécifique 1");
  EXPECT_EQ(records[20].title, "7.6. Description des synergies et complémentarités");
}

const Passage* PassageWith(const Record& r, const std::string& needle) {
  for (const Passage& p : r.passages) {
    if (p.text.find(needle) != std::string::npos) return &p;
  }
  return nullptr;
}

TEST(Segment, PassagesCarryHeadingPaths) {
  const auto r001 = Segment(kRepertoire);
  const Passage* budget = PassageWith(r001[3], "Coût total du projet : 2 032 800 Dhs");
  ASSERT_NE(budget, nullptr);
  EXPECT_EQ(budget->heading,
            "PROJETS EN COURS › DEVELOPPEMENT URBAIN › Assistance à maîtrise d'ouvrage pour "
            "l'élaboration du…");
  const Record& marseille =
      ByTitle(r001, "Ville de Marseille / Communes urbaines de Rabat, Meknès, Marrakech et Fès");
  const Passage* casbah = PassageWith(marseille, "Sauvegarde de la Casbah de Rabat");
  ASSERT_NE(casbah, nullptr);
  EXPECT_EQ(casbah->heading.rfind("Partenariat avec la Commune urbaine de Rabat › PATRIMOINE", 0),
            0u);
  const auto r004 = Segment(kBelgianCic);
  const Passage* vision = PassageWith(r004[12], "4.2.1 VISION ET MISSION");
  ASSERT_NE(vision, nullptr);
  EXPECT_EQ(vision->heading,
            "4. Théorie du Changement associée au Maroc › 4.2 Les conditions préalables › 4.2.1 "
            "VISION ET MISSION › A. Comment le changement souhaité devrait-il se faire?");
  const Passage* form = PassageWith(r004[1], "Rue Idiers 12");
  ASSERT_NE(form, nullptr);
  EXPECT_EQ(form->heading, "Commune d'Auderghem › Coordonnées");
}

TEST(Segment, AReportInTheSameStyleNeedsNoCodeChange) {
  // A made-up repertoire: two contents entries, one body heading spelled differently.
  const std::string text =
      "Sommaire\n\nÉditorial\tp.2\nVille de Lille/Commune urbaine d'Oujda\tp.3\n"
      "Conseil général du Nord/Province de Berkane\tp.5\n\nÉditorial\n\nUn mot.\n\n"
      "Ville de Lille\n\nCommune urbaine d'Oujda\n\nCadre juridique : Jumelage.\n\n"
      "Date : 12 mars 2001.\n\nPROJETS EN COURS\n\nCULTURE\n\nCoût total : 1 500 €\n\n"
      "Conseil général du Nord\n\nProvince de Berkane\n\nDate : 2009.\n";
  SourceInfo info;
  info.file = "new.txt";
  info.countries = {"Maroc", "France"};
  const auto records = SegmentDocument(info, text);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[2].title, "Ville de Lille / Commune urbaine d'Oujda");
  EXPECT_EQ(records[2].legal_framework, "Jumelage.");
  EXPECT_EQ(records[2].years, (std::vector<int>{2001}));
  EXPECT_TRUE(HasBudget(records[2], 1500, "EUR", "Coût total"));
  ExpectPartner(records[3], 1, "Province de Berkane", "Maroc", "province");
  // No recognised structure: one document record of paragraph passages.
  const auto plain = SegmentDocument(info, "Un texte.\n\nSans structure.\n");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].kind, "document");
}

TEST(SegmentFields, AmountsYearsTypesAndNames) {
  double v = 0;
  ASSERT_TRUE(seg::ParseAmount("2 032 800", v));
  EXPECT_DOUBLE_EQ(v, 2032800);
  ASSERT_TRUE(seg::ParseAmount("385.767,95", v));
  EXPECT_DOUBLE_EQ(v, 385767.95);
  ASSERT_TRUE(seg::ParseAmount("816.560", v));
  EXPECT_DOUBLE_EQ(v, 816560);
  EXPECT_FALSE(seg::ParseAmount("12a", v));
  const auto b = seg::ExtractBudgets(
      "Souss Massa Drâa : 5 000 000 Dhs = 440 000€\n"
      "9 millions de dirhams\nTél : 04 42 91 90 00");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].currency, "MAD");
  EXPECT_EQ(b[0].funds, "Souss Massa Drâa");
  EXPECT_DOUBLE_EQ(b[1].amount, 9e6);
  EXPECT_EQ(seg::ExtractYears("Signatures les 26/11/1999 et 11/06/2000 ; 06/12/2004, 12345"),
            (std::vector<int>{1999, 2000, 2004}));
  EXPECT_EQ(seg::ActorTypeOf("Conseil Général de l'Allier"), "conseil général");
  EXPECT_EQ(seg::ActorTypeOf("Commune urbaine d'Oujda"), "commune urbaine");
  EXPECT_EQ(seg::ActorTypeOf("Agence Urbaine d'Oujda"), "agence");
  EXPECT_EQ(seg::ActorTypeOf("Hôtel de Ville"), "");
  EXPECT_EQ(
      seg::SplitActorNames("Communes urbaines de Marrakech et de Meknès"),
      (std::vector<std::string>{"Commune urbaine de Marrakech", "Commune urbaine de Meknès"}));
  EXPECT_EQ(seg::CleanTitle("Liste des partenaires1 connus  p.12"), "Liste des partenaires connus");
}

}  // namespace
}  // namespace coop
