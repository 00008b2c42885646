// DOCX (ECMA-376 WordprocessingML) and ODT (OpenDocument text) through Poco Zip and Poco XML.
// Only the main document part and the core metadata (title) are read, each through a byte
// counter, so a zip bomb stops at ExtractLimits::max_unpacked_bytes however it lies in headers.
#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/SAX/XMLReader.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "coop/extract.h"

namespace coop {
namespace {

// Collects paragraph text from a WordprocessingML or ODF text XML part. Element names are
// matched by local name: DOCX w:t (text runs), w:tab, w:br/w:cr, w:p (paragraph); ODT
// text:p/text:h (paragraphs and headings), text:s (spaces, attribute text:c), text:tab,
// text:line-break. DOCX w:delText (deleted revisions) and w:instrText (field codes) are skipped.
class TextHandler : public Poco::XML::DefaultHandler {
 public:
  explicit TextHandler(Format format) : docx_(format == Format::kDocx) {}

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes& attrs) override {
    if (docx_) {
      if (local == "t")
        ++in_text_;
      else if (local == "tab")
        text_ += '\t';
      else if (local == "br" || local == "cr")
        text_ += '\n';
      return;
    }
    if (local == "p" || local == "h")
      ++in_text_;
    else if (local == "tab")
      text_ += '\t';
    else if (local == "line-break")
      text_ += '\n';
    else if (local == "s") {
      int n = 1;
      for (int i = 0; i < attrs.getLength(); ++i) {
        if (attrs.getLocalName(i) == "c")
          n = std::max(1, std::min(1000, std::atoi(attrs.getValue(i).c_str())));
      }
      text_.append(static_cast<std::size_t>(n), ' ');
    }
  }

  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                  const Poco::XML::XMLString&) override {
    if (docx_ ? local == "t" : (local == "p" || local == "h")) --in_text_;
    if (local == "p" || local == "h") {
      while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t')) text_.pop_back();
      if (!text_.empty() && text_.back() != '\n') text_ += "\n\n";
    }
  }

  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (in_text_ > 0) text_.append(ch + start, static_cast<std::size_t>(length));
  }

  std::string& text() { return text_; }

 private:
  bool docx_;
  int in_text_ = 0;
  std::string text_;
};

// Reads the first <dc:title> (Dublin Core, used by DOCX docProps/core.xml and ODT meta.xml).
class TitleHandler : public Poco::XML::DefaultHandler {
 public:
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                    const Poco::XML::XMLString&, const Poco::XML::Attributes&) override {
    in_title_ = local == "title" && !done_;
  }
  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local,
                  const Poco::XML::XMLString&) override {
    if (local == "title" && in_title_) done_ = true;
    in_title_ = false;
  }
  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (in_title_) title_.append(ch + start, static_cast<std::size_t>(length));
  }
  const std::string& title() const { return title_; }

 private:
  bool in_title_ = false;
  bool done_ = false;
  std::string title_;
};

void ParseXml(const std::string& xml, Poco::XML::DefaultHandler& handler) {
  Poco::XML::SAXParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
  parser.setContentHandler(&handler);
  parser.parseMemoryNP(xml.data(), xml.size());
}

// Whether a document lacking an entry is damaged (its text) or not (its metadata).
enum class Entry { kRequired, kOptional };

// Unpacks one entry, refusing it (zip bomb) once `budget` bytes have been produced in total. A
// missing entry is empty if optional.
std::string ReadEntry(std::istream& in, const Poco::Zip::ZipArchive& archive,
                      const std::string& name, std::uint64_t& budget, std::uint64_t limit,
                      Entry entry) {
  const auto header = archive.findHeader(name);
  if (header == archive.headerEnd()) {
    if (entry == Entry::kRequired) {
      throw ExtractError("damaged document: no " + name + " in the archive");
    }
    return {};
  }
  const std::string bomb =
      "zip bomb: unpacked content exceeds the limit of " + std::to_string(limit) + " bytes";
  if (header->second.getUncompressedSize() > budget) throw ExtractError(bomb);
  in.clear();
  Poco::Zip::ZipInputStream zin(in, header->second, true);
  std::string out;
  char buf[1 << 16];
  while (zin.read(buf, sizeof buf) || zin.gcount() > 0) {
    const auto n = static_cast<std::uint64_t>(zin.gcount());
    if (n > budget) throw ExtractError(bomb);
    budget -= n;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace

Extracted ExtractOfficeZip(std::string_view bytes, Format format, const ExtractLimits& limits) {
  const bool docx = format == Format::kDocx;
  const char* kind = docx ? "DOCX" : "ODT";
  std::istringstream in{std::string(bytes), std::ios::binary};
  Extracted out;
  std::uint64_t budget = limits.max_unpacked_bytes;
  try {
    Poco::Zip::ZipArchive archive(in);
    TextHandler text(format);
    ParseXml(ReadEntry(in, archive, docx ? "word/document.xml" : "content.xml", budget,
                       limits.max_unpacked_bytes, Entry::kRequired),
             text);
    out.text = std::move(text.text());
    const std::string meta = ReadEntry(in, archive, docx ? "docProps/core.xml" : "meta.xml", budget,
                                       limits.max_unpacked_bytes, Entry::kOptional);
    if (!meta.empty()) {
      TitleHandler title;
      ParseXml(meta, title);
      out.title = title.title();
    }
  } catch (const ExtractError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw ExtractError(std::string("damaged ") + kind + " (" + e.displayText() + ")");
  } catch (const std::exception& e) {
    throw ExtractError(std::string("damaged ") + kind + " (" + e.what() + ")");
  }
  return out;
}

}  // namespace coop
