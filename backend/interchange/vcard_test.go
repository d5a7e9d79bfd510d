package interchange

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// parseVCard parses data as vCard (it must be detected as one) and checks
// the Doc.
func parseVCard(t testing.TB, name string, data []byte) *Doc {
	t.Helper()
	return parseAs(t, FormatVCard, name, data)
}

func wantExtra(t testing.TB, n DocNode, key, want string) {
	t.Helper()
	if got := n.Node.Extra[key]; got != want {
		t.Errorf("%s: Extra[%s] = %q, want %q", n.Node.Label, key, got, want)
	}
}

func wantWarnings(t testing.TB, d *Doc, sub string, n int) []Warning {
	t.Helper()
	ws := warningsWith(d, sub)
	if len(ws) != n {
		t.Errorf("%d warnings with %q, want %d; all: %v", len(ws), sub, n, d.Warnings)
	}
	return ws
}

func TestVCardIPhone(t *testing.T) {
	data := fixture(t, "vcard", "ezvcard_John_Doe_IPHONE.vcf")
	if !bytes.Contains(data, []byte("\r\r\n")) || len(data) < 40000 {
		t.Fatal("fixture changed: it should have CR CR LF line ends and a big photo")
	}
	d := parseVCard(t, "john.vcf", data)
	if len(d.Nodes) != 1 {
		t.Fatalf("%d nodes, want 1", len(d.Nodes))
	}
	n := d.Nodes[0]
	if n.Key != "card 1" || n.Where != "card 1 (line 1)" || n.Node.Kind != pln.KindPerson {
		t.Errorf("key %q, where %q, kind %q", n.Key, n.Where, n.Node.Kind)
	}
	if n.Node.Label != "Mr. John Richter James Doe Sr." || !slices.Equal(n.Node.Emails, []string{"john.doe@ibm.com"}) ||
		n.Node.Organisation != "IBM" || n.Node.URL != "http://www.ibm.com" || len(n.Node.Tags) != 0 || n.Node.Description != "" {
		t.Errorf("node: %+v", n.Node)
	}
	wantExtra(t, n, "vcard:ORG", "Accounting")
	wantExtra(t, n, "vcard:N", "Doe;John;Richter,James;Mr.;Sr.")
	wantExtra(t, n, "vcard:NICKNAME", "Johny")
	wantExtra(t, n, "vcard:TITLE", "Money Counter")
	wantExtra(t, n, "vcard:BDAY", "value=date: 2012-06-06")
	wantExtra(t, n, "vcard:PRODID", "-//Apple Inc.//iOS 5.0.1//EN")
	wantExtra(t, n, "vcard:TEL", strings.Join([]string{
		"cell,voice,pref: 905-555-1234", "home,voice: 905-666-1234", "work,voice: 905-777-1234",
		"home,fax: 905-888-1234", "work,fax: 905-999-1234", "pager: 905-111-1234", "item2.: 905-222-1234"}, "\n"))
	wantExtra(t, n, "vcard:ADR", "item3.home,pref: ;;Silicon Alley 5,;New York;New York;12345;United States of America\n"+
		`item4.work: ;;Street4\nBuilding 6\nFloor 8;New York;;12345;USA`)
	wantExtra(t, n, "vcard:X-ABADR", "item3.: Silicon Alley\n"+`item4.: Street 4, Building 6,\n Floor 8\nNew York\nUSA`)
	wantExtra(t, n, "vcard:X-ABLABEL", "item2.: _$!<AssistantPhone>!$_\nitem5.: _$!<HomePage>!$_")
	if _, ok := n.Node.Extra["vcard:PHOTO"]; ok || len(n.Node.Extra) != 10 {
		t.Errorf("%d extras (want 10, no photo): %v", len(n.Node.Extra), n.Node.Extra)
	}
	for k, v := range n.Node.Extra {
		if strings.Contains(v, "/9j/") {
			t.Errorf("%s holds photo data", k)
		}
	}
	ws := wantWarnings(t, d, "photo not imported", 1)
	if len(ws) == 1 && (ws[0].Where != "card 1 (line 1)" || ws[0].Skipped) {
		t.Errorf("photo warning %+v", ws[0])
	}
	if len(d.Warnings) != 1 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

func TestVCardOutlook(t *testing.T) {
	data := fixture(t, "vcard", "ezvcard_John_Doe_MS_OUTLOOK.vcf")
	d := parseVCard(t, "outlook.vcf", data)
	if len(d.Nodes) != 1 {
		t.Fatalf("%d nodes, want 1", len(d.Nodes))
	}
	n := d.Nodes[0]
	if n.Node.Label != "Mr. John Richter James Doe Sr." || !slices.Equal(n.Node.Emails, []string{"john.doe@ibm.cm"}) ||
		n.Node.Organisation != "IBM" || n.Node.URL != "http://www.ibm.com" || len(n.Node.Tags) != 0 {
		t.Errorf("node: %+v", n.Node)
	}
	if !strings.HasPrefix(n.Node.Description, "THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD ''AS IS'' AND ANY EXPRESS") ||
		!strings.HasSuffix(n.Node.Description, "EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.") {
		t.Errorf("description %q", n.Node.Description)
	}
	wantExtra(t, n, "vcard:ORG", "Accounting")
	// vCard 2.1: bare types became TYPE values, quoted-printable values were
	// decoded across their soft line breaks (=0D=0A a line break).
	wantExtra(t, n, "vcard:TEL", "work,voice: (905) 555-1234\nhome,voice: (905) 666-1234")
	wantExtra(t, n, "vcard:ADR", "work,pref: ;;Cresent moon drive;Albaney;New York;12345;United States of America\n"+
		"home: ;;Silicon Alley 5,;New York;New York;12345;United States of America")
	wantExtra(t, n, "vcard:LABEL", `work,pref: Cresent moon drive\nAlbaney, New York  12345`+"\n"+`home: Silicon Alley 5,\nNew York, New York  12345`)
	wantExtra(t, n, "vcard:N", "language=en-us: Doe;John;Richter,James;Mr.;Sr.")
	wantExtra(t, n, "vcard:X-MS-IMADDRESS", "johny5@aol.com")
	wantExtra(t, n, "vcard:BDAY", "19800322")
	wantExtra(t, n, "vcard:REV", "20120305T131933Z")
	if v := n.Node.Extra["vcard:X-MS-OL-DESIGN"]; !strings.HasPrefix(v, `<card xmlns="http://schemas.microsoft.com/office/outlook/12/electronicbusinesscards"`) || !strings.HasSuffix(v, "</card>") {
		t.Errorf("X-MS-OL-DESIGN (CHARSET=utf-8) = %.80q", v)
	}
	if len(n.Node.Extra) != 16 {
		t.Errorf("%d extras: %v", len(n.Node.Extra), n.Node.Extra)
	}
	wantWarnings(t, d, "photo not imported", 1)
	if len(d.Warnings) != 1 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

func TestVCardUTF16BOM(t *testing.T) {
	data := fixture(t, "vcard", "folkerkinzel_v3Utf16Bom.vcf")
	if !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		t.Fatal("fixture changed: it should be UTF-16LE with a BOM")
	}
	d := parseVCard(t, "v3.vcf", data)
	if len(d.Nodes) != 2 {
		t.Fatalf("%d nodes, want 2", len(d.Nodes))
	}
	a, b := d.Nodes[0], d.Nodes[1]
	if a.Node.Label != "Folker Kinzel" || !slices.Equal(a.Node.Emails, []string{"email1@wumms.de", "email2@folker-kinzel.de"}) ||
		a.Node.Organisation != "" || a.Node.URL != "www.folker-kinzel.de" || a.Key != "card 1" || a.Where != "card 1 (line 1)" {
		t.Errorf("card 1: %+v %q %q", a.Node, a.Key, a.Where)
	}
	// A photo given by URI is not binary data: kept (unfolded).
	wantExtra(t, a, "vcard:PHOTO", "https://lh3.googleusercontent.com/-qA19KAIW4ig/XPRQfJuWDoI/AAAAAAAAAAA/n3yseZjiGHcH1S5pjm8TULwkceJJtHykQCOQCEAE/photo.jpg")
	wantExtra(t, a, "vcard:TEL", "item3.: 0123-45678")
	wantExtra(t, a, "vcard:ADR", "item4.: ;;Berliner Str. 85;Halle;;06789;DE")
	wantExtra(t, a, "vcard:X-ABLABEL", "item1.: \nitem2.: \nitem3.: \nitem4.: \nitem5.: ")
	if b.Node.Label != "KMS Außenstelle" || !slices.Equal(b.Node.Emails, []string{"blablö@blub.com"}) ||
		b.Node.Organisation != "KMS Außenstelle" || b.Key != "card 2" || b.Where != "card 2 (line 19)" {
		t.Errorf("card 2: %+v %q %q", b.Node, b.Key, b.Where)
	}
	wantExtra(t, b, "vcard:TEL", "home: 03443-303776\nitem1.: 03443-333440")
	wantExtra(t, b, "vcard:ORG", "item2.: ")
	wantExtra(t, b, "vcard:N", "KMS;WSF;;;")
	if len(d.Warnings) != 0 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

func TestVCardRFC6350Example(t *testing.T) {
	data := fixture(t, "vcard", "ezvcard_rfc6350-example.vcf")
	d := parseVCard(t, "rfc.vcf", data)
	if len(d.Nodes) != 1 {
		t.Fatalf("%d nodes, want 1", len(d.Nodes))
	}
	n := d.Nodes[0]
	if n.Node.Label != "Simon Perreault" || !slices.Equal(n.Node.Emails, []string{"simon.perreault@viagenie.ca"}) ||
		n.Node.Organisation != "Viagenie" || n.Node.URL != "http://nomis80.org" || len(n.Node.Tags) != 0 {
		t.Errorf("node: %+v", n.Node)
	}
	wantExtra(t, n, "vcard:ORG", "work: ")
	wantExtra(t, n, "vcard:N", "Perreault;Simon;;;ing. jr,M.Sc.")
	wantExtra(t, n, "vcard:BDAY", "--0203")
	wantExtra(t, n, "vcard:ANNIVERSARY", "20090808T1430-0500")
	wantExtra(t, n, "vcard:GENDER", "M")
	wantExtra(t, n, "vcard:LANG", "pref=1: fr\npref=2: en")
	wantExtra(t, n, "vcard:ADR", "work: ;Suite D2-630;2875 Laurier;Quebec;QC;G1V 2M2;Canada") // folded
	wantExtra(t, n, "vcard:TEL", "work,voice;pref=1;value=uri: tel:+1-418-656-9254;ext=102\nwork,cell,voice,video,text;value=uri: tel:+1-418-262-6501")
	wantExtra(t, n, "vcard:GEO", "work: geo:46.772673,-71.282945")
	wantExtra(t, n, "vcard:KEY", "work;value=uri: http://www.viagenie.ca/simon.perreault/simon.asc") // folded, a URI: kept
	wantExtra(t, n, "vcard:TZ", "-0500")
	if len(n.Node.Extra) != 11 {
		t.Errorf("%d extras: %v", len(n.Node.Extra), n.Node.Extra)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

func TestVCardV4(t *testing.T) {
	data := fixture(t, "vcard", "folkerkinzel_v4.vcf")
	d := parseVCard(t, "v4.vcf", data)
	if len(d.Nodes) != 2 {
		t.Fatalf("%d nodes, want 2", len(d.Nodes))
	}
	g := nodeByKey(t, d, "9e49143d-201c-46cc-b1ca-b84cac8211e9")
	if g.Node.Label != "Möhrke Gerda" || !slices.Equal(g.Node.Emails, []string{"info@kinderland-blubblub.de"}) ||
		g.Node.Organisation != "KiTa Öhrdingen" || g.Node.URL != "www.kinderland-ufftata.de" || g.Where != "card 1 (line 1)" {
		t.Errorf("Gerda: %+v %q", g.Node, g.Where)
	}
	wantExtra(t, g, "vcard:id", "9e49143d-201c-46cc-b1ca-b84cac8211e9")
	wantExtra(t, g, "vcard:TEL", "work: 034441/ 2 22 67\nfax: 034441/ 39 23 34")
	wantExtra(t, g, "vcard:REV", "20190602T115709Z")
	wantExtra(t, g, "vcard:N", "Möhrke;Gerda;;;")
	m := nodeByKey(t, d, "44a91276-ed88-4fc8-b496-ee14854276f8")
	if m.Node.Label != "Dr. Max Horst Mustermann jr. Maxl SED" ||
		!slices.Equal(m.Node.Emails, []string{"privat@freenet.de", "geschaeftlich@freenet.de", "sonstige@freenet.de", "nichts@wabbel.de"}) ||
		m.Node.Organisation != "SED" || m.Node.URL != "www.business.de" || m.Node.Description != "Kommentar" || m.Where != "card 2 (line 15)" {
		t.Errorf("Max: %+v %q", m.Node, m.Where)
	}
	wantExtra(t, m, "vcard:URL", "home: www.privat.de\nother: www.sonstige.de")
	wantExtra(t, m, "vcard:TITLE", "Gröfaz")
	wantExtra(t, m, "vcard:ROLE", "Generalsekretär")
	wantExtra(t, m, "vcard:ADR", "home: ;;Alte Str. 32;Entenhausen;Sachsen-Anhalt;06789;Deutschland\nwork: ;;Geschäftsadresse 32;Entenhausen;Sachsen-Anhalt;06789;Deutschland")
	wantExtra(t, m, "vcard:TEL", strings.Join([]string{"home: Privattelefon", "work: Diensttelefon", "fax: Fax", "fax,home: Fax privat",
		"fax,work: Fax geschäftlich", "main: Festnetz", "cell: Mobil", "pager: Pager", "other: sonstige", "ohne"}, "\n"))
	wantExtra(t, m, "vcard:BDAY", "19723101")
	wantExtra(t, m, "vcard:X-ABDATE", "ITEM1.: 20190707")
	wantExtra(t, m, "vcard:X-ABLABEL", "ITEM1.: Hochzeitstag")
	ws := wantWarnings(t, d, "19723101", 1)
	if len(ws) == 1 && ws[0].Where != "line 22" {
		t.Errorf("BDAY warning at %q", ws[0].Where)
	}
	if len(d.Warnings) != 1 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

// A vCard 2.1 card as old phones and Outlook write them: Latin-1 bytes
// under CHARSET=ISO-8859-1, quoted-printable with soft line breaks, bare
// type parameters; one QP value labelled UTF-8 that is not.
const vcard21 = "BEGIN:VCARD\r\n" +
	"VERSION:2.1\r\n" +
	"N;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen\r\n" +
	"FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r\n" +
	"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Erste Zeile=0D=0A=\r\n" +
	"zweite Zeile mit Gr=FC=DFen, die =\r\n" +
	"weitergeht; Ende=3D\r\n" +
	"TEL;WORK;VOICE:+49 30 1234\r\n" +
	"TEL;CELL:0170 555\r\n" +
	"EMAIL;INTERNET;PREF:Juergen@Example.DE\r\n" +
	"ADR;HOME;QUOTED-PRINTABLE;CHARSET=UTF-8:;;Stra=C3=9Fe 1;K=C3=B6ln\r\n" +
	"TITLE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Chef=FC\r\n" +
	"CATEGORIES:Kollegen,Berlin\r\n" +
	"PHOTO;JPEG;ENCODING=BASE64:\r\n" +
	"    /9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQY\r\n" +
	"    GBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYa\r\n" +
	"\r\n" +
	"END:VCARD\r\n"

func TestVCard21(t *testing.T) {
	d := parseVCard(t, "phone.vcf", []byte(vcard21))
	if len(d.Nodes) != 1 {
		t.Fatalf("%d nodes", len(d.Nodes))
	}
	n := d.Nodes[0]
	if n.Node.Label != "Jürgen Müller" || !slices.Equal(n.Node.Emails, []string{"juergen@example.de"}) || !slices.Equal(n.Node.Tags, []string{"Kollegen", "Berlin"}) {
		t.Errorf("node: %+v", n.Node)
	}
	if want := "Erste Zeile\nzweite Zeile mit Grüßen, die weitergeht; Ende="; n.Node.Description != want {
		t.Errorf("description %q, want %q", n.Node.Description, want)
	}
	wantExtra(t, n, "vcard:N", "Müller;Jürgen")
	wantExtra(t, n, "vcard:TEL", "work,voice: +49 30 1234\ncell: 0170 555")
	wantExtra(t, n, "vcard:ADR", "home: ;;Straße 1;Köln")
	if _, ok := n.Node.Extra["vcard:TITLE"]; ok {
		t.Error("a value mislabelled UTF-8 was kept")
	}
	ws := wantWarnings(t, d, "TITLE value cannot be read as UTF-8", 1)
	if len(ws) == 1 && ws[0].Where != "line 12" {
		t.Errorf("mislabelled value at %q", ws[0].Where)
	}
	wantWarnings(t, d, "photo not imported", 1)
	if len(d.Warnings) != 2 {
		t.Errorf("warnings: %v", d.Warnings)
	}
	// The same card with LF line ends and no CHARSET on the Latin-1 line:
	// read as Windows-1252, with a warning naming the line.
	lf := strings.ReplaceAll(strings.Replace(vcard21, "N;CHARSET=ISO-8859-1:", "N:", 1), "\r\n", "\n")
	d = parseVCard(t, "lf.vcf", []byte(lf))
	if n := d.Nodes[0]; n.Node.Label != "Jürgen Müller" || n.Node.Extra["vcard:N"] != "Müller;Jürgen" {
		t.Errorf("LF: %+v", n.Node)
	}
	wantWarnings(t, d, "not UTF-8 (first at line 3)", 1)
}

func TestVCardMalformed(t *testing.T) {
	in := "garbage before\n" + // 1
		"BEGIN:VCARD\n" + // 2
		"VERSION:3.0\n" + // 3
		"FN:Ada Lovelace\n" + // 4
		"this line has no colon\n" + // 5
		"EMAIL:ada@example.org\n" + // 6
		"END:VCARD\n" + // 7
		"\n" + // 8
		"BEGIN:VCARD\n" + // 9
		"FN:Bob\n" + // 10
		"BEGIN:VCARD\n" + // 11
		"FN:Carol\n" + // 12
		"NOTE:cut short\n" // 13
	// Not detected as a vCard (it does not start with BEGIN:VCARD), but
	// read when the user says it is one.
	d, err := vcardFormat{}.Parse([]File{{Name: "bad.vcf", Data: []byte(in)}})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, d)
	if len(d.Nodes) != 1 || d.Nodes[0].Node.Label != "Ada Lovelace" {
		t.Fatalf("nodes: %+v", d.Nodes)
	}
	want := []Warning{
		{Where: "line 1", Message: `"garbage before" is outside any BEGIN:VCARD … END:VCARD: ignored.`},
		{Where: "line 5", Message: `it is not a vCard property (there is no colon): "this line has no colon" ignored.`},
		{Where: "card 2 (line 9)", Message: "BEGIN:VCARD at line 9 has no END:VCARD before the next card (line 11): the card is left out.", Skipped: true},
		{Where: "card 3 (line 11)", Message: "BEGIN:VCARD at line 11 has no END:VCARD (the file ends first): the card is left out.", Skipped: true},
	}
	if !reflect.DeepEqual(d.Warnings, want) {
		t.Errorf("warnings:\n%v\nwant\n%v", d.Warnings, want)
	}

	for _, c := range []struct{ name, in, want string }{
		{"no card", "FN:Ada\nEMAIL:ada@example.org\n", "no vCard in the file"},
		{"empty", "", "no vCard in the file"},
		{"only unterminated", "BEGIN:VCARD\nVERSION:4.0\nFN:Ada\n", "card 1 (line 1): BEGIN:VCARD at line 1 has no END:VCARD"},
		{"no name", "BEGIN:VCARD\nVERSION:4.0\nTEL:123\nEND:VCARD\n", "card 1 (line 1): the card has no name"},
	} {
		_, err := vcardFormat{}.Parse([]File{{Name: "x.vcf", Data: []byte(c.in)}})
		if err == nil || pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want invalid with %q", c.name, err, c.want)
		}
	}
	// A card without a name among readable ones is skipped.
	d = parseVCard(t, "x.vcf", []byte("BEGIN:VCARD\nTEL:1\nEND:VCARD\nBEGIN:VCARD\nN:Doe;Jane;;;\nEND:VCARD\nBEGIN:VCARD\nORG:Acme;Labs\nEND:VCARD\nBEGIN:VCARD\nEMAIL:x@y.org\nEND:VCARD\n"))
	var labels []string
	for _, n := range d.Nodes {
		labels = append(labels, n.Node.Label)
	}
	if !slices.Equal(labels, []string{"Jane Doe", "Acme", "x@y.org"}) {
		t.Errorf("labels %q", labels)
	}
	if _, ok := d.Nodes[0].Node.Extra["vcard:N"]; ok {
		t.Error("an N the export derives again was kept")
	}
	wantWarnings(t, d, "card 1 (line 1): the card has no name", 1)
}

func TestVCardDuplicates(t *testing.T) {
	in := "BEGIN:VCARD\nVERSION:4.0\nUID:u1\nFN:Ada Lovelace\nEMAIL:ada@example.org\nTEL:1\nCATEGORIES:math\nEND:VCARD\n" +
		"BEGIN:VCARD\nVERSION:4.0\nFN:Ada King\nEMAIL:ADA@example.org\nEMAIL:countess@example.org\nTEL:2\nCATEGORIES:poetry\nNOTE:Analyst\nEND:VCARD\n" +
		"BEGIN:VCARD\nVERSION:4.0\nUID:u1\nFN:Ada Lovelace\nTEL:1\nEND:VCARD\n" +
		"BEGIN:VCARD\nVERSION:4.0\nFN:Charles Babbage\nEND:VCARD\n"
	d := parseVCard(t, "dup.vcf", []byte(in))
	if len(d.Nodes) != 2 {
		t.Fatalf("%d nodes", len(d.Nodes))
	}
	a := d.Nodes[0]
	if a.Key != "u1" || a.Node.Label != "Ada Lovelace" || !slices.Equal(a.Node.Emails, []string{"ada@example.org", "countess@example.org"}) ||
		!slices.Equal(a.Node.Tags, []string{"math", "poetry"}) || a.Node.Description != "Analyst" || !slices.Equal(a.Aliases, []string{"Ada King"}) {
		t.Errorf("merged: %+v", a)
	}
	wantExtra(t, a, "vcard:alias", "Ada King")
	wantExtra(t, a, "vcard:TEL", "1\n2")
	wantExtra(t, a, "vcard:id", "u1")
	wantWarnings(t, d, `card 2 (line 9): "Ada King" is the same person as card 1, "Ada Lovelace" (same email ada@example.org)`, 1)
	wantWarnings(t, d, `card 3 (line 18): "Ada Lovelace" is the same person as card 1 (same UID u1)`, 1)
	if d.Nodes[1].Key != "card 4" {
		t.Errorf("key %q", d.Nodes[1].Key)
	}
}

func TestVCardSeveralFiles(t *testing.T) {
	a := []byte("BEGIN:VCARD\nFN:Ada\nEND:VCARD\n")
	b := []byte("BEGIN:VCARD\nFN:Bob\nEND:VCARD\nBEGIN:VCARD\nFN:Ada\nUID:x\nEND:VCARD\n")
	d, err := ParseFiles([]File{{Name: "a.vcf", Data: a}, {Name: "b.vcf", Data: b}})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, d)
	var got []string
	for _, n := range d.Nodes {
		got = append(got, n.Key+" @ "+n.Where)
	}
	want := []string{"card 1 of a.vcf @ card 1 (line 1) of a.vcf", "card 1 of b.vcf @ card 1 (line 1) of b.vcf", "x @ card 2 (line 4) of b.vcf"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestVCardSniff(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "vcard", "*.vcf"))
	if len(files) != 5 {
		t.Fatalf("%d fixtures", len(files))
	}
	for _, name := range files {
		if f, err := Detect(name, fixture(t, "vcard", filepath.Base(name))); err != nil || f != FormatVCard {
			t.Errorf("%s: %q %v", name, f, err)
		}
	}
	for in, want := range map[string]int{
		"\n  begin:vcard\r\nFN:x\r\nend:vcard": SniffSure,
		"\ufeffBEGIN:VCARD":                    SniffSure,
		"BEGIN:VCALENDAR\nEND:VCALENDAR":       SniffNo,
		"FN:x\nBEGIN:VCARD":                    SniffNo,
	} {
		if got := (vcardFormat{}).Sniff(NewProbe("x", []byte(in))); got != want {
			t.Errorf("Sniff(%q) = %d, want %d", in, got, want)
		}
	}
	if got := (vcardFormat{}).Sniff(NewProbe("x", toUTF16([]byte("BEGIN:VCARD\r\n"), true, true))); got != SniffSure {
		t.Errorf("UTF-16BE: %d", got)
	}
}

// vcardNetwork is a generated network: person nodes with every field set
// (an ego among them), and one node of another kind.
func vcardNetwork() *Network {
	net := &Network{}
	for i := range 6 {
		n := pln.Node{
			ID:           pln.NewID(),
			Label:        fmt.Sprintf("Zoë O'Brien-%d, Jr; the %d", i, i),
			Kind:         pln.KindPerson,
			Description:  fmt.Sprintf("Line one, with commas; semicolons: colons\nline two \\ backslash\n\nand a long line %s", strings.Repeat("é", 100+i)),
			URL:          fmt.Sprintf("https://example.org/people/%d?a=1,2", i),
			FeedURL:      fmt.Sprintf("https://example.org/%d/feed.xml", i),
			Emails:       []string{fmt.Sprintf("zoe%d@example.org", i), fmt.Sprintf("z.obrien%d@work.example", i)},
			Organisation: fmt.Sprintf("Acme; Labs, Inc. %d", i),
			Tags:         []string{"learning", "Ü-Bahn", fmt.Sprintf("tag %d", i)},
			Relation:     pln.Relations[i%len(pln.Relations)],
			Strength:     1 + i%5,
			Role:         pln.Roles[i%len(pln.Roles)],
			Contexts:     []string{"work", "home"},
			Mode:         pln.Modes[i%len(pln.Modes)],
			Status:       pln.Statuses[i%len(pln.Statuses)],
			Cadence:      7 * (i + 1),
			Extra: map[string]string{
				"vcard:TEL":       "work,voice;pref=1: +1 555 0100\nhome: tel:+1-555-0101;ext=2",
				"vcard:ADR":       `item1.home: ;;Street 1\nBack house;Berlin;;10115;DE`,
				"vcard:X-ABLABEL": "item1.: _$!<Home>!$_",
				"vcard:X-NOTE":    ": key: value, with a colon",
				"vcard:BDAY":      "--0203",
				"vcard:IMPP":      `"x-type;odd";value=uri: xmpp:zoe@example.org`,
				"vcard:ORG":       "Research;Group " + fmt.Sprint(i),
				"vcard:URL":       "other: www.example.org",
			},
		}
		switch i {
		case 0:
			n.Ego = true
			n.Relation, n.Strength, n.Role, n.Contexts, n.Mode, n.Status, n.Cadence = "", 0, "", nil, "", "", 0
		case 1:
			n.Tags = append(n.Tags, "a, b") // a comma: X-PLEXUS-TAGS
			n.Extra["vcard:id"] = "urn:uuid:0e8d4b3c-0000-4000-8000-000000000001"
			n.Extra["vcard:alias"] = "Zoe Obrien"
		case 2:
			n.URL = "not a link" // beside a web URL in vcard:URL: X-PLEXUS-URL
			n.Extra["vcard:URL"] = "http://example.org/other"
		case 3:
			n.Relation = "custom: mentor, sort of"
			n.Contexts = []string{"work", "a, b"}
		}
		net.Nodes = append(net.Nodes, n)
	}
	net.Nodes = append(net.Nodes, pln.Node{ID: pln.NewID(), Label: "Some Blog", Kind: pln.KindSource, FeedURL: "https://blog.example/feed"})
	return net
}

func exportVCard(t testing.TB, net *Network) []byte {
	t.Helper()
	files, err := vcardFormat{}.Export(net)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "contacts.vcf" {
		t.Fatalf("files %v", files)
	}
	again, _ := vcardFormat{}.Export(net)
	if !bytes.Equal(again[0].Data, files[0].Data) {
		t.Fatal("export is not deterministic")
	}
	data := files[0].Data
	for i, line := range strings.SplitAfter(string(data), "\r\n") {
		if line == "" {
			continue
		}
		if !strings.HasSuffix(line, "\r\n") || strings.ContainsAny(strings.TrimSuffix(line, "\r\n"), "\r\n") {
			t.Fatalf("line %d %q does not end in CRLF alone", i+1, line)
		}
		if len(line)-2 > 75 {
			t.Fatalf("line %d is %d octets: %q", i+1, len(line)-2, line)
		}
		if !utf8Valid(line) {
			t.Fatalf("line %d is cut inside a character", i+1)
		}
	}
	return data
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestVCardRoundTrip(t *testing.T) {
	net := vcardNetwork()
	data := exportVCard(t, net)
	if !bytes.HasPrefix(data, []byte("BEGIN:VCARD\r\nVERSION:4.0\r\n")) || bytes.Count(data, []byte("BEGIN:VCARD")) != 6 ||
		bytes.Contains(data, []byte("Some Blog")) || bytes.Count(data, []byte("X-PLEXUS-EGO:true")) != 1 {
		t.Fatalf("export:\n%s", data)
	}
	d := parseVCard(t, "contacts.vcf", data)
	if len(d.Nodes) != 6 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, warnings %v", len(d.Nodes), d.Warnings)
	}
	for i, dn := range d.Nodes {
		want := net.Nodes[i]
		wantExtra := map[string]string{}
		for k, v := range want.Extra {
			wantExtra[k] = v
		}
		if _, ok := wantExtra["vcard:id"]; !ok {
			wantExtra["vcard:id"] = "urn:uuid:" + want.ID
		}
		if dn.Key != wantExtra["vcard:id"] || dn.Node.Ego != want.Ego {
			t.Errorf("node %d: key %q, ego %v", i, dn.Key, dn.Node.Ego)
		}
		wf := want.Fields()
		wf.Extra = wantExtra
		if got := dn.Node.Fields(); !reflect.DeepEqual(got, wf) {
			t.Errorf("node %d changed on the way:\n got %#v\nwant %#v", i, got, wf)
		}
	}
	// Extras of other formats are not written.
	net.Nodes[1].Extra["gexf:viz"] = "x"
	if data := exportVCard(t, net); bytes.Contains(data, []byte("viz")) {
		t.Error("a gexf extra was written")
	}
}

// Every fixture, imported, exported and imported again, keeps every field
// and every vcard:* value.
func TestVCardFixtureRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "vcard", "*.vcf"))
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			d := parseVCard(t, filepath.Base(name), fixture(t, "vcard", filepath.Base(name)))
			net := &Network{}
			for _, dn := range d.Nodes {
				n := dn.Node
				n.ID = pln.NewID()
				net.Nodes = append(net.Nodes, n)
			}
			again := parseVCard(t, "contacts.vcf", exportVCard(t, net))
			if len(again.Nodes) != len(d.Nodes) {
				t.Fatalf("%d nodes, want %d", len(again.Nodes), len(d.Nodes))
			}
			for i, dn := range again.Nodes {
				want := net.Nodes[i].Fields()
				if _, ok := want.Extra["vcard:id"]; !ok {
					want.Extra["vcard:id"] = "urn:uuid:" + net.Nodes[i].ID
				}
				if got := dn.Node.Fields(); !reflect.DeepEqual(got, want) {
					t.Errorf("node %d changed on the way:\n got %#v\nwant %#v", i, got, want)
				}
			}
			if len(again.Warnings) != len(warningsWith(d, "19723101")) {
				t.Errorf("warnings on the way back: %v", again.Warnings)
			}
		})
	}
}

func TestVCardEntryForm(t *testing.T) {
	for _, s := range []string{
		"plain", "", ": a: b", "work: x", "item1.: ", "item1.work,voice;pref=1: v: w", `"a.b": x`,
		`value=uri;x-odd=";:": tel:1`, `multi\nline\\`, "work;label=\"Street 5\\nTown\": ;;Street 5",
	} {
		f := parseVCardEntry(s)
		if got := vcardEntry(f); got != s {
			t.Errorf("%q → %#v → %q", s, f, got)
		}
	}
	if f := parseVCardEntry("www.example.org"); f.Group != "" || f.Value != "www.example.org" {
		t.Errorf("a dotted value read as a group: %#v", f)
	}
}

// FuzzParseVCard: Parse never panics; a rejection is a *pln.Error (never
// internal); an accepted file's Doc passes checkDoc, and its export parses.
func FuzzParseVCard(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "vcard", "*.vcf"))
	// The iPhone card's photo makes every run slow: its head.
	seedFiles(f, files, firstLines(30, "\r\nEND:VCARD\r\n"), false)
	f.Add([]byte(vcard21))
	for _, s := range []string{"", "BEGIN:VCARD", "BEGIN:VCARD\nEND:VCARD", "BEGIN:VCARD\nFN;X=\"a:b\":c\nAGENT:\nBEGIN:VCARD\nFN:x\nEND:VCARD\nEND:VCARD",
		"BEGIN:VCARD\nNOTE;QUOTED-PRINTABLE:a=\nEND:VCARD", "BEGIN:VCARD\nEMAIL;TYPE=\"x:\nEND:VCARD"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := vcardFormat{}.Parse([]File{{Name: "fuzz.vcf", Data: data}})
		if err != nil {
			if c := pln.CodeOf(err); c == pln.CodeInternal || pln.AsError(err).Message == "" {
				t.Fatalf("bad error: %#v", err)
			}
			return
		}
		checkDoc(t, d)
		net := &Network{}
		for _, dn := range d.Nodes {
			n := dn.Node
			n.ID = pln.NewID()
			net.Nodes = append(net.Nodes, n)
		}
		out, err := vcardFormat{}.Export(net)
		if err != nil {
			t.Fatal(err)
		}
		again, err := vcardFormat{}.Parse(out)
		if err != nil || len(again.Nodes) == 0 || len(again.Nodes) > len(d.Nodes) {
			t.Fatalf("export does not parse back (%v):\n%s", err, out[0].Data)
		}
	})
}
