// The corpus folder, its manifest, and passage splitting on the real documents.
#include "coop/corpus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "coop/index_builder.h"
#include "corpus_files.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::kBelgianCic;
using testing::kKsarElKebir;
using testing::kTaroudant;
using testing::RecordId;

TEST(Manifest, DescribesEveryCorpusFile) {
  Manifest m = LoadManifest(testing::CorpusDir() + "/manifest.json");
  const std::vector<std::string> files = ListSourceFiles(testing::CorpusDir());
  ASSERT_EQ(files.size(), 5u);
  ASSERT_EQ(m.documents.size(), files.size());
  for (const std::string& f : files) {
    const SourceInfo* s = m.Find(f);
    ASSERT_NE(s, nullptr) << f;
    EXPECT_FALSE(s->title.empty()) << f;
    EXPECT_FALSE(s->publisher.empty()) << f;
    EXPECT_FALSE(s->date.empty()) << f;
    EXPECT_EQ(s->language, "fr") << f;
    EXPECT_FALSE(s->format.empty()) << f;
    ASSERT_GE(s->countries.size(), 2u) << f;
    EXPECT_EQ(s->countries[0], "Maroc") << f;
  }
  EXPECT_EQ(m.Find(kTaroudant)->countries[1], "Allemagne");
  EXPECT_EQ(m.Find(kBelgianCic)->countries[1], "Belgique");
}

TEST(Manifest, MalformedJsonIsAClearError) {
  try {
    ParseManifest("{\"documents\": [ {\"title\": \"x\"} ]}");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("file"), std::string::npos) << e.what();
  }
  EXPECT_THROW(ParseManifest("{not json"), std::runtime_error);
}

TEST(Passages, SliceTheSourceAndCoverEveryParagraph) {
  for (const std::string& file : ListSourceFiles(testing::CorpusDir())) {
    const std::string text = testing::ReadCorpusFile(file);
    const std::vector<Passage> passages = SplitPassages(text, "r");
    ASSERT_FALSE(passages.empty()) << file;
    std::size_t covered = 0, last_end = 0;
    for (const Passage& p : passages) {
      ASSERT_LT(p.begin, p.end) << file;
      ASSERT_GE(p.begin, last_end) << file;
      ASSERT_EQ(p.text, text.substr(p.begin, p.end - p.begin)) << file;
      ASSERT_LE(p.text.size(), 2400u) << file << " passage " << p.id;
      covered += p.text.size();
      last_end = p.end;
    }
    // Only blank lines lie between passages.
    std::size_t non_blank = 0;
    for (char c : text) non_blank += !(c == ' ' || c == '\n' || c == '\r' || c == '\t');
    std::size_t non_blank_covered = 0;
    for (const Passage& p : passages) {
      for (char c : p.text) non_blank_covered += !(c == ' ' || c == '\n' || c == '\r' || c == '\t');
    }
    EXPECT_EQ(non_blank_covered, non_blank) << file;
    EXPECT_GT(covered, 0u);
  }
}

// 000 has no repertoire or programme structure: one document record (segment_test.cpp checks
// the structured documents).
TEST(Records, UnstructuredDocumentIsOneRecordWithManifestPartners) {
  Manifest m = LoadManifest(testing::CorpusDir() + "/manifest.json");
  const SourceInfo& info = *m.Find(kKsarElKebir);
  auto records = SegmentDocument(info, testing::ReadCorpusFile(info.file));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].id, RecordId(kKsarElKebir, 0));
  EXPECT_EQ(records[0].source, kKsarElKebir);
  ASSERT_GE(records[0].partners.size(), 2u);
  EXPECT_EQ(records[0].partners[0].name, "Commune urbaine de Ksar El Kebir");
}

TEST(SourceFiles, BadFilesAreRejectedWithAReason) {
  testing::TempDir dir;
  const std::string empty = dir.path() + "/empty.txt";
  const std::string binary = dir.path() + "/binary.txt";
  { std::ofstream(empty).flush(); }
  { std::ofstream(binary, std::ios::binary) << std::string("PK\0\3\4", 5); }
  EXPECT_THROW(
      {
        try {
          ReadSourceFile(empty);
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "empty file");
          throw;
        }
      },
      std::runtime_error);
  EXPECT_THROW(ReadSourceFile(binary), std::runtime_error);
  EXPECT_THROW(ReadSourceFile(dir.path() + "/missing.txt"), std::runtime_error);
}

}  // namespace
}  // namespace coop

namespace coop {
namespace {

TEST(SourceInfo, DefaultTitleIsCutAtACodePointBoundary) {
  // 199 ASCII bytes then "’" (3 bytes): a byte cut at 200 would split the apostrophe.
  const std::string line = std::string(199, 'a') + "\xE2\x80\x99" + "b";
  const SourceInfo s = DefaultSourceInfo("x.txt", line + "\n\nbody\n");
  EXPECT_EQ(s.title, std::string(199, 'a'));
  EXPECT_EQ(DefaultSourceInfo("y.txt", "Rapport d’activité\n").title, "Rapport d’activité");
}

}  // namespace
}  // namespace coop
