// Text extraction per format (coop/extract.h) on reports generated from real corpus text, and
// every kind of bad input refused with its reason.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "coop/extract.h"
#include "coop/index_builder.h"
#include "corpus_files.h"
#include "doc_fixtures.h"
#include "test_util.h"

namespace coop {
namespace {

using testing::CorpusParagraphs;
using testing::kKsarElKebir;
using testing::kTaroudant;

// Paragraphs of corpus file `name` that contain `word`, then others up to `count` in all.
std::vector<std::string> ParagraphsWith(const std::string& name, const std::string& word,
                                        std::size_t count) {
  std::vector<std::string> all = CorpusParagraphs(name, 10000, 40), out;
  for (const auto& p : all) {
    if (p.find(word) != std::string::npos) out.push_back(p);
  }
  for (const auto& p : all) {
    if (out.size() >= count) break;
    if (p.find(word) == std::string::npos) out.push_back(p);
  }
  return out;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

ExtractLimits Limits() { return ExtractLimits{}; }

TEST(FormatsTest, DocxParagraphsAndTitle) {
  const auto paras = ParagraphsWith(kTaroudant, "Taroudant", 6);
  ASSERT_GE(paras.size(), 4u);
  const Extracted ex =
      ExtractBytes(testing::MakeDocx(paras, "Coopération GIZ & Taroudant"), "r.docx", Limits());
  EXPECT_EQ(ex.format, Format::kDocx);
  EXPECT_EQ(ex.title, "Coopération GIZ & Taroudant");
  for (const auto& p : paras)
    EXPECT_TRUE(Contains(ex.text, p + "\n\n") || ex.text.ends_with(p)) << p;
  EXPECT_TRUE(ex.page_starts.empty());
}

TEST(FormatsTest, OdtParagraphsAndTitle) {
  const auto paras = ParagraphsWith(kKsarElKebir, "tannerie", 5);
  const Extracted ex =
      ExtractBytes(testing::MakeOdt(paras, "Ksar El Kebir — tannerie"), "r.odt", Limits());
  EXPECT_EQ(ex.format, Format::kOdt);
  EXPECT_EQ(ex.title, "Ksar El Kebir — tannerie");
  for (const auto& p : paras) EXPECT_TRUE(Contains(ex.text, p)) << p;
  // Detected from content, whatever the name says.
  EXPECT_EQ(ExtractBytes(testing::MakeOdt(paras, "t"), "report.txt", Limits()).format,
            Format::kOdt);
}

TEST(FormatsTest, PdfKeepsPagesAndPassagesCiteThem) {
  testing::TempDir dir;
  const auto p1 = ParagraphsWith(kTaroudant, "Taroudant", 3);
  const auto p3 = ParagraphsWith(kKsarElKebir, "tannerie", 2);
  const std::vector<std::string> pages = {p1[0] + "\n\n" + p1[1], "Page deux.\n\n" + p1[2],
                                          p3[0] + "\n\n" + p3[1]};
  const std::string pdf = testing::MakePdf(pages, "Rapport de test", dir.path());
  ASSERT_FALSE(pdf.empty()) << "enscript/ps2pdf missing: run scripts/install-deps.sh";
  const std::string path = dir.path() + "/rapport.pdf";
  testing::WriteFile(path, pdf);

  const Extracted ex = ExtractFile(path, Limits());
  EXPECT_EQ(ex.format, Format::kPdf);
  EXPECT_EQ(ex.title, "Rapport de test");
  ASSERT_EQ(ex.page_starts.size(), 3u);
  const std::size_t tan = ex.text.find("tannerie");
  ASSERT_NE(tan, std::string::npos);
  EXPECT_EQ(PageAt(ex.page_starts, tan), 3);
  EXPECT_EQ(PageAt(ex.page_starts, ex.text.find("Taroudant")), 1);
  EXPECT_EQ(PageAt(ex.page_starts, ex.text.find("Page deux")), 2);

  // Passages: each on one page, the page where its text is.
  const auto records = ReadRecords(path, Manifest{});
  ASSERT_FALSE(records.empty());
  std::set<int> seen;
  for (const Record& r : records) {
    for (const Passage& p : r.passages) {
      EXPECT_EQ(p.page, PageAt(ex.page_starts, p.begin)) << p.text;
      EXPECT_EQ(PageAt(ex.page_starts, p.end - 1), p.page) << "passage spans pages: " << p.text;
      EXPECT_EQ(ex.text.substr(p.begin, p.end - p.begin), p.text);
      seen.insert(p.page);
      if (Contains(p.text, "tannerie")) {
        EXPECT_EQ(p.page, 3);
      }
    }
  }
  EXPECT_EQ(seen, (std::set<int>{1, 2, 3}));
}

TEST(FormatsTest, Cp1252TextIsDetectedAndConverted) {
  const auto paras = ParagraphsWith(kKsarElKebir, "tannerie", 6);
  std::string utf8;
  for (const auto& p : paras) utf8 += p + "\n\n";
  // The corpus text has U+FFFD where its own conversion lost a bullet; cp1252 has no such char.
  for (std::size_t at; (at = utf8.find("\xEF\xBF\xBD")) != std::string::npos;) utf8.erase(at, 3);
  const std::string cp1252 = testing::ToCp1252(utf8);
  ASSERT_NE(cp1252, utf8);  // accents are single bytes now: not valid UTF-8
  const Extracted ex = ExtractBytes(cp1252, "ksar.txt", Limits());
  EXPECT_EQ(ex.encoding, "windows-1252");
  EXPECT_TRUE(Contains(ex.text, "activité de la tannerie")) << ex.text.substr(0, 400);
  EXPECT_EQ(ex.text, utf8.substr(0, utf8.size() - 2) + "\n\n");
}

TEST(FormatsTest, HtmlVisibleTextAndTitleOnly) {
  const auto paras = ParagraphsWith(kTaroudant, "Médina", 4);
  const Extracted ex =
      ExtractBytes(testing::MakeHtml(paras, "Taroudant & la GIZ"), "page.txt", Limits());
  EXPECT_EQ(ex.format, Format::kHtml);
  EXPECT_EQ(ex.title, "Taroudant & la GIZ");
  for (const auto& p : paras) EXPECT_TRUE(Contains(ex.text, p)) << p;
  for (const char* hidden :
       {"invisiblescript", "scriptword", "invisiblestyle", "commentword", "font-family"}) {
    EXPECT_FALSE(Contains(ex.text, hidden)) << hidden;
  }
  // A Latin-1 page that says so is converted.
  const Extracted latin = ExtractBytes(
      testing::ToCp1252(testing::MakeHtml(paras, "Médina", "iso-8859-1")), "p.html", Limits());
  EXPECT_EQ(latin.title, "Médina");
  EXPECT_TRUE(Contains(latin.text, paras[0]));
}

TEST(FormatsTest, DetectionUsesContentNotExtension) {
  EXPECT_EQ(DetectFormat("# Titre\n\nTexte.", "notes.md"), Format::kMarkdown);
  const Extracted md = ExtractBytes("Note\n\n## Jumelage Agadir ##\n\nTexte.", "n.md", Limits());
  EXPECT_EQ(md.title, "Jumelage Agadir");
  // UTF-16 with a byte order mark is converted too.
  const Extracted u16 = ExtractBytes(std::string("\xFF\xFEO\0u\0i\0", 8), "n.txt", Limits());
  EXPECT_EQ(u16.text, "Oui");
  EXPECT_EQ(u16.encoding, "UTF-16LE");
  EXPECT_EQ(DetectFormat("Texte simple.", "notes.txt"), Format::kText);
  EXPECT_EQ(DetectFormat("<!DOCTYPE html><html><body>x</body></html>", "a.txt"), Format::kHtml);
  EXPECT_EQ(DetectFormat("%PDF-1.4\n...", "a.docx"), Format::kPdf);
  EXPECT_EQ(DetectFormat(testing::MakeDocx({"x"}, "t"), "a.pdf"), Format::kDocx);
}

// --- Bad input: each refused with a reason a user understands. ---------------------------------

std::string Reason(std::string_view bytes, const ExtractLimits& limits = {}) {
  try {
    ExtractBytes(bytes, "bad", limits);
  } catch (const ExtractError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(FormatsTest, EmptyAndBinaryFilesAreRefused) {
  EXPECT_EQ(Reason(""), "empty file");
  EXPECT_TRUE(Contains(Reason("   \n\n  "), "no text")) << Reason("   \n\n  ");
  EXPECT_TRUE(Contains(Reason("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "binary file (PNG image)"));
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 7919 + 13) % 256));
  EXPECT_TRUE(Contains(Reason(noise), "binary file")) << Reason(noise);
}

TEST(FormatsTest, TruncatedAndEncryptedPdfsAreRefused) {
  testing::TempDir dir;
  const auto paras = ParagraphsWith(kTaroudant, "Taroudant", 3);
  const std::string pdf = testing::MakePdf({paras[0], paras[1]}, "t", dir.path());
  ASSERT_FALSE(pdf.empty());
  EXPECT_EQ(Reason(pdf.substr(0, pdf.size() / 2)), "truncated PDF (no %%EOF marker at the end)");
  const std::string locked =
      testing::MakePdf({paras[0]}, "t", dir.path(), "-sOwnerPassword=owner -sUserPassword=secret");
  ASSERT_FALSE(locked.empty());
  EXPECT_EQ(Reason(locked), "encrypted PDF (password required)");
}

TEST(FormatsTest, ZipBombStopsAtTheUnpackLimit) {
  const std::string bomb = testing::MakeDocxBomb(8u << 20);
  ASSERT_LT(bomb.size(), 200000u);  // 8 MB of XML in a small zip
  ExtractLimits limits;
  limits.max_unpacked_bytes = 1u << 20;
  EXPECT_TRUE(Contains(Reason(bomb, limits), "zip bomb")) << Reason(bomb, limits);
  // Under the default limit (100 MB) the same document is fine.
  EXPECT_TRUE(Contains(ExtractBytes(bomb, "b.docx", {}).text, "Programme de jumelage, Agadir."));
  const std::string docx = testing::MakeDocx({"x"}, "t");
  EXPECT_TRUE(Contains(Reason(docx.substr(0, docx.size() / 2)), "damaged DOCX"))
      << Reason(docx.substr(0, docx.size() / 2));
}

TEST(FormatsTest, FileOverTheSizeLimitIsRefusedUnread) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/huge.txt";
  testing::WriteFile(path, "");
  ASSERT_EQ(::truncate(path.c_str(), (100ll << 20) + 1), 0);  // sparse: no disk used
  try {
    ExtractFile(path, {});
    FAIL() << "accepted a file over 100 MB";
  } catch (const ExtractError& e) {
    EXPECT_EQ(std::string(e.what()), "too large (104857601 bytes, limit 104857600)");
  }
}

TEST(FormatsTest, TextInvalidInItsClaimedEncodingIsRefused) {
  const std::string latin = testing::ToCp1252("Coopération décentralisée à Taroudant.");
  EXPECT_EQ(Reason("\xEF\xBB\xBF" + latin),
            "invalid UTF-8 at byte 7 (the file starts with a UTF-8 byte order mark)");
  const std::string html = testing::ToCp1252(testing::MakeHtml({"Médina de Taroudant"}, "t"));
  EXPECT_TRUE(Contains(Reason(html), "invalid UTF-8 at byte")) << Reason(html);
  EXPECT_TRUE(Contains(Reason(html), "declared charset utf-8")) << Reason(html);
}

}  // namespace
}  // namespace coop
