// Dynamic SOQL: Database.query(text). Parsed with the Apex parser's SOQL entry rule; a syntax error is a
// QueryException worded as the platform words it ("unexpected token: 'WHERE'", as quoted in org error logs,
// e.g. https://salesforce.stackexchange.com/questions/287524). Binds are simple variable names or dotted paths
// ("Dynamic SOQL", https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_dynamic_soql.htm).
import {
    ApexErrorListener,
    ApexParserFactory,
    type ApexToken,
    type BoundExpressionContext
} from '@apexdevtools/apex-parser';
import { raise } from '../../runtime/errors';
import type { SoqlBind, SoqlQuery } from './ast';
import { buildQuery, sourceText } from './build';
import { ESCAPED_PERCENT, ESCAPED_UNDERSCORE } from './literals';

// Words that end a FROM clause; the grammar would otherwise take `FROM Account WHERE` as an alias.
const CLAUSE_WORDS: ReadonlySet<string> = new Set([
    'WHERE',
    'WITH',
    'GROUP',
    'ORDER',
    'LIMIT',
    'OFFSET',
    'FOR',
    'USING',
    'ALL',
    'UPDATE',
    'HAVING'
]);

function hex(c: string): string {
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Rewrites the LIKE-only escapes \% and \_ inside quoted strings into escapes the Apex lexer accepts. */
function protectLikeEscapes(text: string): string {
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (!inString) {
            inString = c === "'";
            out += c;
        } else if (c === '\\' && (text[i + 1] === '%' || text[i + 1] === '_')) {
            out += hex(text[i + 1] === '%' ? ESCAPED_PERCENT : ESCAPED_UNDERSCORE);
            i++;
        } else if (c === '\\') {
            out += c + (text[i + 1] ?? '');
            i++;
        } else {
            inString = c !== "'";
            out += c;
        }
    }
    return out;
}

class FirstError extends ApexErrorListener {
    message: string | undefined;

    override syntaxError(...args: Parameters<ApexErrorListener['syntaxError']>): void {
        if (this.message !== undefined) return;
        const offending: ApexToken | number | null = args[1];
        const msg = args[4];
        if (offending && typeof offending === 'object') {
            this.message = `unexpected token: '${offending.type === -1 ? '<EOF>' : offending.text}'`;
        } else {
            // A lexer error ("token recognition error at: '...'") names the characters it could not read.
            const at = /at: '(.*)'$/s.exec(msg);
            this.message = `unexpected token: '${at ? at[1] : msg}'`;
        }
    }

    apexSyntaxError(): void {}
}

function dynamicBind(ctx: BoundExpressionContext): SoqlBind {
    const text = sourceText(ctx.expression());
    if (!/^\s*[A-Za-z_][A-Za-z0-9_]*(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*\s*$/.test(text)) {
        raise('QueryException', `unexpected token: '${text}'`);
    }
    return { kind: 'bind', name: text.replace(/\s+/g, ''), text };
}

/** Parses a dynamic SOQL string. Nothing is cached: each call parses afresh. */
export function parseSoql(text: string): SoqlQuery {
    const listener = new FirstError();
    const { parser } = ApexParserFactory.createLexerAndParser(protectLikeEscapes(text), listener);
    const tree = parser.query();
    if (listener.message !== undefined) raise('QueryException', listener.message);
    const next = parser.getCurrentToken();
    const alias = tree.fromNameList().soqlId_list();
    for (const id of alias) {
        if (CLAUSE_WORDS.has(id.getText().toUpperCase())) {
            raise('QueryException', `unexpected token: '${next.type === -1 ? '<EOF>' : next.text}'`);
        }
    }
    if (next.type !== -1) raise('QueryException', `unexpected token: '${next.text}'`);
    return { ...buildQuery(tree, dynamicBind), text };
}
