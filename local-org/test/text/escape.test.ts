// escape*/unescape* and stripHtmlTags. Expected values are the Apex Reference "String Class" examples
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm)
// where it gives one, otherwise Commons Lang StringEscapeUtils behaviour.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringType } from '../../src/runtime/text';
import { assertApexError, call } from './fakeContext';

const s = (self: string, name: string) => call(stringType, self, name);

describe('String escapes (String Class; StringEscapeUtils)', () => {
    it('escapeCsv quotes only values with a comma, quote or line break', () => {
        assert.equal(s('Max1, "Max2"', 'escapeCsv'), '"Max1, ""Max2"""');
        assert.equal(s('plain', 'escapeCsv'), 'plain');
        assert.equal(s('"Max1, ""Max2"""', 'unescapeCsv'), 'Max1, "Max2"');
        assert.equal(s('"plain"', 'unescapeCsv'), '"plain"');
    });

    it('escapeEcmaScript escapes quotes, slash and non-ASCII; unescapeEcmaScript reverses it', () => {
        assert.equal(s('"grade": 3.9/4.0', 'escapeEcmaScript'), '\\"grade\\": 3.9\\/4.0');
        assert.equal(s("it's é\n", 'escapeEcmaScript'), "it\\'s \\u00E9\\n");
        assert.equal(s('\\"3.8\\",\\"3.9\\"', 'unescapeEcmaScript'), '"3.8","3.9"');
    });

    it('escapeJava leaves the apostrophe alone and writes supplementary characters as surrogate escapes', () => {
        assert.equal(s('Company "Salesforce"', 'escapeJava'), 'Company \\"Salesforce\\"');
        assert.equal(s("it's\t😀", 'escapeJava'), "it's\\t\\uD83D\\uDE00");
    });

    it('unescapeJava reads octal and unicode escapes and drops a stray backslash', () => {
        assert.equal(s('Company \\"Salesforce\\"', 'unescapeJava'), 'Company "Salesforce"');
        assert.equal(s('\\101\\u0042\\uu0043\\x', 'unescapeJava'), 'ABCx');
        assert.equal(s('a\\', 'unescapeJava'), 'a');
    });

    it('unescapeJava with a short unicode escape raises IllegalArgumentException', () => {
        assertApexError(() => s('\\u12', 'unescapeJava'), 'IllegalArgumentException', /Less than 4 hex digits/);
    });

    it('escapeHtml4 and unescapeHtml4 use the HTML 4.0 entities', () => {
        assert.equal(s('"<Black&White>"', 'escapeHtml4'), '&quot;&lt;Black&amp;White&gt;&quot;');
        assert.equal(s("é € α '", 'escapeHtml4'), "&eacute; &euro; &alpha; '");
        assert.equal(s('&quot;&lt;Black&amp;White&gt;&quot;', 'unescapeHtml4'), '"<Black&White>"');
        assert.equal(s('&euro;&#65;&#x42;&apos;&bogus;', 'unescapeHtml4'), '€AB&apos;&bogus;');
    });

    it('escapeHtml3 stops at ISO-8859-1 entities', () => {
        assert.equal(s('é €', 'escapeHtml3'), '&eacute; €');
        assert.equal(s('&eacute; &euro;', 'unescapeHtml3'), 'é &euro;');
    });

    it('escapeXml handles only the five basic entities and leaves non-ASCII alone', () => {
        assert.equal(s('<Black&White> "\'é', 'escapeXml'), '&lt;Black&amp;White&gt; &quot;&apos;é');
        assert.equal(s('&lt;Black&amp;White&gt;&apos;&#233;&eacute;', 'unescapeXml'), "<Black&White>'é&eacute;");
    });

    it('escapeUnicode writes non-ASCII characters as \\u escapes, as in the Reference example', () => {
        assert.equal(s('De onde você é?', 'escapeUnicode'), 'De onde voc\\u00EA \\u00E9?');
        assert.equal(s('De onde voc\\u00EA \\u00E9?', 'unescapeUnicode'), 'De onde você é?');
    });

    it('stripHtmlTags removes markup, scripts and comments', () => {
        assert.equal(s('<b>hello world</b>', 'stripHtmlTags'), 'hello world');
        assert.equal(s('<p>a<!-- note --><script>x()</script> &amp; b</p>', 'stripHtmlTags'), 'a &amp; b');
        assert.equal(s('1 < 2', 'stripHtmlTags'), '1 < 2');
    });
});
