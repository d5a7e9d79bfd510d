package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analyzers (docs/decisions/search.md, "Analysis"):
//
//   - analyzerStem ("plexus_stem"): Unicode word tokenizer (UAX #29),
//     lower case, ASCII folding of each token (é → e, ß → ss, ø → o), the
//     English possessive filter ("Ada's" → "ada") and the English Snowball
//     stemmer ("learning", "learned", "learns" → "learn"). Every text field
//     is indexed with it; plain terms, phrases and typo-forgiving terms
//     query it.
//   - analyzerFold ("plexus_fold"): the same without the stemmer. Every
//     text field is indexed a second time with it (field name + "_raw") so
//     that a prefix query ("learni*") meets the words as written, not their
//     stems.
//
// The folding is a token filter, not bleve's asciifolding character
// filter: a character filter changes the text before tokenizing, so the
// tokens' byte offsets would point into the folded text and the
// highlighting (which cuts the original text at those offsets) would be off
// by the bytes each accent saved.
const (
	analyzerStem = "plexus_stem"
	analyzerFold = "plexus_fold"
	foldFilter   = "plexus_ascii_fold"
)

// foldTokens folds each token's term to ASCII, keeping its offsets.
type foldTokens struct {
	f *asciifolding.AsciiFoldingFilter
}

func (t foldTokens) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		for _, b := range tok.Term {
			if b >= 0x80 {
				tok.Term = t.f.Filter(tok.Term)
				break
			}
		}
	}
	return in
}

func init() {
	if err := registry.RegisterTokenFilter(foldFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldTokens{asciifolding.New()}, nil
	}); err != nil {
		panic(err)
	}
}

func addAnalyzers(im *mapping.IndexMappingImpl) error {
	if err := im.AddCustomAnalyzer(analyzerStem, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, foldFilter, en.PossessiveName, en.SnowballStemmerName},
	}); err != nil {
		return err
	}
	return im.AddCustomAnalyzer(analyzerFold, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, foldFilter, en.PossessiveName},
	})
}

var folder = asciifolding.New()

// foldTokensFold folds b to ASCII as the fold token filter does.
func foldTokensFold(b []byte) []byte { return folder.Filter(b) }
