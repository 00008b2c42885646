#include "coop/record_value.h"

#include <cstdint>
#include <cstring>
#include <limits>

#include "coop/index_metadata.h"
#include "coop/packed.h"

namespace coop {
namespace {

using packed::AppendString;
using packed::AppendVarint;

void AppendStrings(std::string& out, const std::vector<std::string>& values) {
  AppendVarint(out, values.size());
  for (const std::string& v : values) AppendString(out, v);
}

void AppendPartners(std::string& out, const std::vector<StoredPartner>& partners) {
  AppendVarint(out, partners.size());
  for (const StoredPartner& p : partners) {
    for (const std::string* s :
         {&p.name, &p.country, &p.actor_id, &p.actor_name, &p.actor_type, &p.role})
      AppendString(out, *s);
  }
}

void AppendDouble(std::string& out, double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(bits >> (8 * i) & 0xFF));
}

// Reads the fields back, throwing IndexFormatError at the first malformed one.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  std::uint64_t Varint() {
    std::uint64_t v = 0;
    if (!packed::ReadVarint(in_, v)) Fail();
    return v;
  }
  std::size_t Count() {
    const std::uint64_t n = Varint();
    if (n > in_.size()) Fail();  // every item takes at least one byte
    return static_cast<std::size_t>(n);
  }
  void String(std::string& s) {
    std::string_view v;
    if (!packed::ReadString(in_, v)) Fail();
    s.assign(v);
  }
  void Strings(std::vector<std::string>& out) {
    out.resize(Count());
    for (std::string& s : out) String(s);
  }
  void Partners(std::vector<StoredPartner>& out) {
    out.resize(Count());
    for (StoredPartner& p : out) {
      for (std::string* s :
           {&p.name, &p.country, &p.actor_id, &p.actor_name, &p.actor_type, &p.role})
        String(*s);
    }
  }
  double Double() {
    if (in_.size() < 8) Fail();
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= std::uint64_t{static_cast<std::uint8_t>(in_[i])} << (8 * i);
    in_.remove_prefix(8);
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  bool AtEnd() const { return in_.empty(); }
  [[noreturn]] static void Fail() {
    throw IndexFormatError("malformed record value: rebuild the index with coop-index build");
  }

 private:
  std::string_view in_;
};

}  // namespace

std::string EncodeRecord(const StoredRecord& r) {
  std::string out(1, kRecordValueFormat);
  out.reserve(512);
  for (const std::string* s : {&r.id, &r.kind, &r.title, &r.source, &r.publisher, &r.date})
    AppendString(out, *s);
  AppendPartners(out, r.partners);
  AppendPartners(out, r.mentions);
  for (const auto* list : {&r.countries, &r.cities, &r.provinces, &r.regions, &r.regions_pre2015,
                           &r.foreign_regions, &r.domains})
    AppendStrings(out, *list);
  AppendString(out, r.domains_text);
  AppendStrings(out, r.annex_domains);
  AppendString(out, r.legal_framework);
  AppendVarint(out, r.years.size());
  for (int y : r.years) AppendVarint(out, static_cast<std::uint64_t>(y < 0 ? 0 : y));
  AppendVarint(out, r.budgets.size());
  for (const StoredBudget& b : r.budgets) {
    AppendDouble(out, b.amount);
    AppendString(out, b.currency);
    AppendString(out, b.funds);
  }
  AppendVarint(out, r.begin);
  AppendVarint(out, r.end);
  AppendVarint(out, r.passages);
  AppendString(out, r.summary);
  return out;
}

StoredRecord DecodeRecord(std::string_view data) {
  if (data.empty() || data.front() != kRecordValueFormat) Reader::Fail();
  Reader in(data.substr(1));
  StoredRecord r;
  for (std::string* s : {&r.id, &r.kind, &r.title, &r.source, &r.publisher, &r.date}) in.String(*s);
  in.Partners(r.partners);
  in.Partners(r.mentions);
  for (auto* list : {&r.countries, &r.cities, &r.provinces, &r.regions, &r.regions_pre2015,
                     &r.foreign_regions, &r.domains})
    in.Strings(*list);
  in.String(r.domains_text);
  in.Strings(r.annex_domains);
  in.String(r.legal_framework);
  r.years.resize(in.Count());
  for (int& y : r.years) {
    const std::uint64_t v = in.Varint();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) Reader::Fail();
    y = static_cast<int>(v);
  }
  r.budgets.resize(in.Count());
  for (StoredBudget& b : r.budgets) {
    b.amount = in.Double();
    in.String(b.currency);
    in.String(b.funds);
  }
  r.begin = static_cast<std::size_t>(in.Varint());
  r.end = static_cast<std::size_t>(in.Varint());
  r.passages = static_cast<std::size_t>(in.Varint());
  in.String(r.summary);
  if (!in.AtEnd()) Reader::Fail();
  return r;
}

}  // namespace coop
