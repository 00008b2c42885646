// JsonWriter (searchd/src/json_writer.h): the exact bytes it writes for each kind of string,
// next to the bytes of json_text.h's AppendJsonString for the same input (the two differ only
// on control characters: RapidJSON's short escapes and upper-case hex), its printf-style
// numbers, its structure and its errors.
#include "../searchd/src/json_writer.h"

#include <gtest/gtest.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <ostream>
#include <string>

#include "../bench/json_text_baseline.h"

namespace coop {
namespace {

std::string WriterString(std::string_view s) {
  JsonWriter w;
  w.String(s);
  return w.Finish();
}

std::string JsonTextString(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

struct StringCase {
  const char* name;
  std::string input;
  std::string json_writer;  // what JsonWriter writes
  std::string json_text;    // what AppendJsonString writes
};

// U+FFFD, the replacement of an ill-formed sequence.
#define FFFD "\xEF\xBF\xBD"

const StringCase kStringCases[] = {
    {"ascii", "abc XYZ 09", R"("abc XYZ 09")", R"("abc XYZ 09")"},
    {"accented",
     "Dr\xC3\xA2"
     "a-Tafilalet, F\xC3\xA8s \xE2\x82\xAC \xE2\x80\xBA",
     "\"Dr\xC3\xA2"
     "a-Tafilalet, F\xC3\xA8s \xE2\x82\xAC \xE2\x80\xBA\"",
     "\"Dr\xC3\xA2"
     "a-Tafilalet, F\xC3\xA8s \xE2\x82\xAC \xE2\x80\xBA\""},
    {"quotes_backslash_slash", R"(a"b\c/d)", R"("a\"b\\c/d")", R"("a\"b\\c/d")"},
    {"newline_tab_return", "a\nb\tc\rd", R"("a\nb\tc\rd")", R"("a\u000ab\u0009c\u000dd")"},
    {"backspace_formfeed", "\b\f", R"("\b\f")", R"("\u0008\u000c")"},
    {"x01_x0b_x1f", "\x01|\x0b|\x1f", R"("\u0001|\u000B|\u001F")", R"("\u0001|\u000b|\u001f")"},
    {"nul", std::string("a\0b", 3), R"("a\u0000b")", R"("a\u0000b")"},
    {"del_kept",
     "a\x7f"
     "b",
     "\"a\x7f"
     "b\"",
     "\"a\x7f"
     "b\""},
    {"u2028_u2029_kept",
     "a\xE2\x80\xA8"
     "b\xE2\x80\xA9"
     "c",
     "\"a\xE2\x80\xA8"
     "b\xE2\x80\xA9"
     "c\"",
     "\"a\xE2\x80\xA8"
     "b\xE2\x80\xA9"
     "c\""},
    {"four_byte_kept", "\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\"", "\"\xF0\x9F\x98\x80\""},
    {"xff",
     "a\xff"
     "b",
     "\"a" FFFD "b\"", "\"a" FFFD "b\""},
    {"truncated_at_end", "a\xC3", "\"a" FFFD "\"", "\"a" FFFD "\""},
    {"truncated_three_byte",
     "\xE2\x82"
     "x",
     "\"" FFFD "x\"", "\"" FFFD "x\""},
    {"lone_continuation", "\x80x", "\"" FFFD "x\"", "\"" FFFD "x\""},
    {"overlong_slash", "\xC0\xAF", "\"" FFFD FFFD "\"", "\"" FFFD FFFD "\""},
    {"surrogate", "\xED\xA0\x80", "\"" FFFD FFFD FFFD "\"", "\"" FFFD FFFD FFFD "\""},
    {"bad_after_ascii_words", "abcdefghijklmnop\xfeq", "\"abcdefghijklmnop" FFFD "q\"",
     "\"abcdefghijklmnop" FFFD "q\""},
    {"bad_after_accent_in_word", "abcdef\xC3\xA9gh ijklmnop\xFF\"",
     "\"abcdef\xC3\xA9gh ijklmnop" FFFD "\\\"\"", "\"abcdef\xC3\xA9gh ijklmnop" FFFD "\\\"\""},
    {"bad_and_newline", "x\xff\n", "\"x" FFFD "\\n\"", "\"x" FFFD "\\u000a\""},
    // A snippet of the real response to q=eau on corpus/ (bench/responses/x1_eau.json).
    {"corpus_snippet",
     "GESTION DE L&#39;<mark>EAU</mark> Accompagnement du processus de d\xC3\xA9"
     "centralisation \xE2\x86\x92 *Objectifs* : \xE2\x80\xA6",
     "\"GESTION DE L&#39;<mark>EAU</mark> Accompagnement du processus de d\xC3\xA9"
     "centralisation \xE2\x86\x92 *Objectifs* : \xE2\x80\xA6\"",
     "\"GESTION DE L&#39;<mark>EAU</mark> Accompagnement du processus de d\xC3\xA9"
     "centralisation \xE2\x86\x92 *Objectifs* : \xE2\x80\xA6\""},
};

// Names the case in test listings instead of dumping the struct's bytes.
void PrintTo(const StringCase& c, std::ostream* os) { *os << c.name; }

class StringCaseTest : public testing::TestWithParam<StringCase> {};

TEST_P(StringCaseTest, JsonWriterBytes) {
  EXPECT_EQ(WriterString(GetParam().input), GetParam().json_writer);
}

TEST_P(StringCaseTest, JsonTextBytes) {
  EXPECT_EQ(JsonTextString(GetParam().input), GetParam().json_text);
}

INSTANTIATE_TEST_SUITE_P(Strings, StringCaseTest, testing::ValuesIn(kStringCases),
                         [](const testing::TestParamInfo<StringCase>& param) {
                           return std::string(param.param.name);
                         });

TEST(JsonWriter, SameBytesAsJsonTextWithoutControlCharacters) {
  // Pseudo-random byte strings (fixed seed) over 0x20..0xFF, mostly non-ASCII so that valid
  // and ill-formed sequences of every length meet word boundaries: without control characters
  // the two writers must agree byte for byte (the repair is ICU's U8_NEXT in both).
  std::uint32_t seed = 20;
  const auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const std::uint32_t length = next() % 40;
    for (std::uint32_t i = 0; i < length; ++i) {
      const std::uint32_t r = next();
      s.push_back(static_cast<char>(r % 4 == 0 ? 0x20 + r / 4 % 0x60 : 0x80 + r / 4 % 0x80));
    }
    ASSERT_EQ(WriterString(s), JsonTextString(s)) << testing::PrintToString(s);
  }
}

TEST(JsonWriter, KeysAreEscapedAndRepairedLikeStrings) {
  JsonWriter w;
  w.StartObject();
  w.Key(
      "ca\xff"
      "s");
  w.Int(1);
  w.Key("a\"b");
  w.Int(2);
  w.EndObject();
  EXPECT_EQ(w.Finish(), "{\"ca" FFFD "s\":1,\"a\\\"b\":2}");
}

TEST(JsonWriter, WritesTheShapeOfAHit) {
  JsonWriter w;
  w.StartObject();
  w.Key("id");
  w.String("001_d5314e58f61e8ef9-r32");
  w.Key("years");
  w.StartArray();
  w.Int(2003);
  w.Int(2005);
  w.EndArray();
  w.Key("cities");
  w.StartArray();
  w.EndArray();
  w.Key("passage");
  w.StartObject();
  w.Key("page");
  w.Null();
  w.EndObject();
  w.Key("score");
  w.Fixed(1.0, 2);
  w.Key("total");
  w.Uint(18446744073709551615u);
  w.Key("delta");
  w.Int(-3);
  w.Key("relaxed");
  w.Bool(false);
  w.Key("took_ms");
  w.Fixed(0.292, 3);
  EXPECT_FALSE(w.IsComplete());
  w.EndObject();
  EXPECT_TRUE(w.IsComplete());
  EXPECT_EQ(w.Finish(),
            R"({"id":"001_d5314e58f61e8ef9-r32","years":[2003,2005],"cities":[],)"
            R"("passage":{"page":null},"score":1.00,"total":18446744073709551615,"delta":-3,)"
            R"("relaxed":false,"took_ms":0.292})");
}

TEST(JsonWriter, GrowsPastItsReserve) {
  JsonWriter w(0);
  const std::string long_text(100000, 'e');
  w.StartArray();
  w.String(long_text);
  w.String("\xC3\xA9");
  w.EndArray();
  EXPECT_EQ(w.Finish(), "[\"" + long_text + "\",\"\xC3\xA9\"]");
}

struct FixedCase {
  double value;
  int decimals;
  const char* text;
};

TEST(JsonWriter, FixedRoundsAsPrintfDoes) {
  // Writer::Double would give "1.0", "0.9", and with SetMaxDecimalPlaces(2) "0.94" for 0.946.
  const FixedCase cases[] = {
      {1.0, 2, "1.00"},        {0.9, 2, "0.90"},       {0.94, 2, "0.94"},
      {0.946, 2, "0.95"},      {0.945, 2, "0.94"},     {0.0, 3, "0.000"},
      {0.292, 3, "0.292"},     {10.4385, 3, "10.438"}, {10.4386, 3, "10.439"},
      {12345.678, 0, "12346"}, {-2.5, 1, "-2.5"},      {1e21, 2, "1000000000000000000000.00"},
  };
  for (const FixedCase& c : cases) {
    JsonWriter w;
    w.Fixed(c.value, c.decimals);
    EXPECT_EQ(w.Finish(), c.text) << c.value << " with " << c.decimals << " decimals";
  }
}

TEST(JsonWriter, FixedEqualsPrintfOnScoresAndTimings) {
  // Scores are Xapian percentages / 100; timings are milliseconds with 3 decimals.
  for (int percent = 0; percent <= 100; ++percent) {
    const double score = percent / 100.0;
    char expected[32];
    std::snprintf(expected, sizeof expected, "%.2f", score);
    JsonWriter w;
    w.Fixed(score, 2);
    EXPECT_EQ(w.Finish(), expected) << percent;
  }
  for (int k = 0; k < 20000; ++k) {
    const double ms = k * 0.0123457;
    char expected[32];
    std::snprintf(expected, sizeof expected, "%.3f", ms);
    JsonWriter w;
    w.Fixed(ms, 3);
    ASSERT_EQ(w.Finish(), expected) << k;
  }
}

TEST(JsonWriter, RejectsWhatJsonCannotHold) {
  JsonWriter w;
  EXPECT_THROW(w.Fixed(std::numeric_limits<double>::quiet_NaN(), 2), std::invalid_argument);
  EXPECT_THROW(w.Fixed(std::numeric_limits<double>::infinity(), 2), std::invalid_argument);
  EXPECT_THROW(w.Fixed(1.0, 10), std::invalid_argument);
  EXPECT_THROW(w.Fixed(1.0, -1), std::invalid_argument);
}

TEST(JsonWriter, FinishRefusesAnOpenValue) {
  JsonWriter w;
  w.StartObject();
  w.Key("hits");
  w.StartArray();
  EXPECT_THROW(w.Finish(), std::logic_error);
  w.EndArray();
  EXPECT_THROW(w.Finish(), std::logic_error);
  w.EndObject();
  EXPECT_EQ(w.Finish(), R"({"hits":[]})");
}

TEST(JsonStringStream, AppendsAfterExistingText) {
  std::string out = "data: ";
  JsonStringStream stream(out);  // no spare room: every write grows the string
  rapidjson::Writer<JsonStringStream> writer(stream);
  writer.StartObject();
  writer.Key("q");
  writer.String("eau");
  writer.EndObject();  // the root value ends: RapidJSON flushes
  EXPECT_EQ(out, R"(data: {"q":"eau"})");
}

}  // namespace
}  // namespace coop
