// Builds the interpreter's syntax tree (ast.ts) from apex-parser's parse tree. Parsing is the grammar's
// job; this file only reshapes, so the interpreter never touches ANTLR contexts.
import {
    AnnotationContext,
    ApexErrorListener,
    ApexParserFactory,
    Arth1ExpressionContext,
    Arth2ExpressionContext,
    ArrayExpressionContext,
    AssignExpressionContext,
    BitAndExpressionContext,
    BitExpressionContext,
    BitNotExpressionContext,
    BitOrExpressionContext,
    BlockContext,
    CastExpressionContext,
    ClassDeclarationContext,
    CmpExpressionContext,
    CoalExpressionContext,
    CondExpressionContext,
    DotExpressionContext,
    EnumDeclarationContext,
    EqualityExpressionContext,
    ExpressionContext,
    FormalParametersContext,
    IdPrimaryContext,
    InstanceOfExpressionContext,
    InterfaceDeclarationContext,
    LiteralContext,
    LiteralPrimaryContext,
    LocalVariableDeclarationContext,
    LogAndExpressionContext,
    LogOrExpressionContext,
    MethodCallContext,
    MethodCallExpressionContext,
    ModifierContext,
    NegExpressionContext,
    NewExpressionContext,
    PostOpExpressionContext,
    PreOpExpressionContext,
    PrimaryExpressionContext,
    SoqlPrimaryContext,
    SoslPrimaryContext,
    StatementContext,
    SubExpressionContext,
    SuperPrimaryContext,
    ThisPrimaryContext,
    TypeRefContext,
    TypeRefPrimaryContext,
    VoidPrimaryContext,
    WhenLiteralContext,
    type ApexParserRuleContext as ParserRuleContext
} from '@apexdevtools/apex-parser';
import { soqlFromContext } from '../data/soql/build';
import { UnsupportedError } from '../runtime/errors';
import { negate, parseNumericLiteral } from '../runtime/numbers';
import { typeRef, type ApexValue, type TypeRef } from '../runtime/values';
import type * as A from './ast';

export class ApexSyntaxError extends Error {
    constructor(
        readonly file: string,
        readonly line: number,
        readonly column: number,
        detail: string
    ) {
        super(`${file}:${line}:${column}: ${detail}`);
        this.name = 'ApexSyntaxError';
    }
}

class FirstErrorListener extends ApexErrorListener {
    constructor(private readonly file: string) {
        super();
    }
    apexSyntaxError(line: number, column: number, msg: string): void {
        throw new ApexSyntaxError(this.file, line, column + 1, msg);
    }
}

/** Parses a class file; throws ApexSyntaxError at the first syntax error. */
export function parseClass(source: string, file: string): A.TypeDecl {
    const { parser } = ApexParserFactory.createLexerAndParser(source, new FirstErrorListener(file));
    const unit = parser.compilationUnit();
    return new Builder(file).typeDeclaration(unit.typeDeclaration());
}

/** Parses a trigger file. */
export function parseTrigger(source: string, file: string): A.TriggerDecl {
    const { parser } = ApexParserFactory.createLexerAndParser(source, new FirstErrorListener(file));
    return new Builder(file).trigger(parser.triggerUnit());
}

/** Parses anonymous Apex (Execute Anonymous): its statements, and the members it declares as a class. */
export function parseAnonymous(source: string, file: string): { body: A.BlockStmt; type: A.TypeDecl } {
    const { parser } = ApexParserFactory.createLexerAndParser(source, new FirstErrorListener(file));
    return new Builder(file).anonymous(parser.anonymousUnit());
}

const NO_MODIFIERS: A.Modifiers = { keywords: new Set(), annotations: [], sharing: null };

function line(ctx: ParserRuleContext): number {
    return ctx.start.line;
}

function text(ctx: { getText(): string }): string {
    return ctx.getText();
}

/** A numeric literal, negated when a unary minus precedes it (so -2147483648 is an Integer, as in Apex). */
function numericLiteral(text: string, negative: boolean): ApexValue {
    if (negative && text === '2147483648') return -2147483648;
    if (negative && /^9223372036854775808[lL]$/.test(text)) return negate(parseNumericLiteral('9223372036854775807L'));
    const value = parseNumericLiteral(text);
    return negative ? negate(value) : value;
}

/** Unescapes an Apex string literal (quotes included), per the Apex Developer Guide "String" escapes. */
export function unquote(literal: string): string {
    const body = literal.startsWith("'''") ? literal.slice(3, -3) : literal.slice(1, -1);
    return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
        switch (c[0]) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'u':
                return String.fromCharCode(parseInt(c.slice(1), 16));
            default:
                return c;
        }
    });
}

class Builder {
    constructor(private readonly file: string) {}

    private fail(ctx: ParserRuleContext, what: string): never {
        throw new UnsupportedError(`Not supported by the local org: ${what} (${this.file}:${line(ctx)})`);
    }

    // --- declarations -----------------------------------------------------------------------------------

    typeDeclaration(ctx: ReturnType<ReturnType<typeof ApexParserFactory.createParser>['typeDeclaration']>): A.TypeDecl {
        const modifiers = this.modifiers(ctx.modifier_list());
        const declaration = ctx.classDeclaration() ?? ctx.interfaceDeclaration() ?? ctx.enumDeclaration();
        return this.type(declaration, modifiers, null);
    }

    private type(
        ctx: ClassDeclarationContext | InterfaceDeclarationContext | EnumDeclarationContext,
        modifiers: A.Modifiers,
        outer: string | null
    ): A.TypeDecl {
        const name = text(ctx.id());
        const fullName = outer ? `${outer}.${name}` : name;
        const base = {
            line: line(ctx),
            name,
            key: name.toLowerCase(),
            fullName,
            file: this.file,
            modifiers
        };
        if (ctx instanceof EnumDeclarationContext) {
            const values = ctx.enumConstants()?.id_list().map(text) ?? [];
            return {
                ...base,
                kind: 'enum',
                extends: null,
                implements: [],
                members: [],
                methods: [],
                constructors: [],
                inner: [],
                enumValues: values
            };
        }
        if (ctx instanceof InterfaceDeclarationContext) {
            const methods = ctx
                .interfaceBody()
                .interfaceMethodDeclaration_list()
                .map((m) => {
                    const methodModifiers = this.modifiers(m.modifier_list());
                    return {
                        line: line(m),
                        name: text(m.id()),
                        key: text(m.id()).toLowerCase(),
                        modifiers: methodModifiers,
                        isStatic: false,
                        returnType: m.VOID() ? null : this.typeRef(m.typeRef()),
                        params: this.params(m.formalParameters()),
                        body: null
                    };
                });
            return {
                ...base,
                kind: 'interface',
                extends: null,
                implements:
                    ctx
                        .typeList()
                        ?.typeRef_list()
                        .map((t) => this.typeRef(t)) ?? [],
                members: [],
                methods,
                constructors: [],
                inner: [],
                enumValues: []
            };
        }
        const members: A.MemberInit[] = [];
        const methods: A.MethodDecl[] = [];
        const constructors: A.ConstructorDecl[] = [];
        const inner: A.TypeDecl[] = [];
        for (const decl of ctx.classBody().classBodyDeclaration_list()) {
            if (decl.SEMI()) continue;
            const block = decl.block();
            if (block) {
                members.push({
                    kind: 'initializer',
                    line: line(decl),
                    isStatic: !!decl.STATIC(),
                    body: this.block(block)
                });
                continue;
            }
            const memberModifiers = this.modifiers(decl.modifier_list());
            this.member(decl.memberDeclaration(), memberModifiers, fullName, { members, methods, constructors, inner });
        }
        return {
            ...base,
            kind: 'class',
            extends: ctx.typeRef() ? this.typeRef(ctx.typeRef()) : null,
            implements:
                ctx
                    .typeList()
                    ?.typeRef_list()
                    .map((t) => this.typeRef(t)) ?? [],
            members,
            methods,
            constructors,
            inner,
            enumValues: []
        };
    }

    private member(
        ctx: ReturnType<ClassDeclarationContext['classBody']>['classBodyDeclaration_list'] extends () => (infer D)[]
            ? D extends { memberDeclaration(): infer M }
                ? M
                : never
            : never,
        modifiers: A.Modifiers,
        owner: string,
        into: {
            members: A.MemberInit[];
            methods: A.MethodDecl[];
            constructors: A.ConstructorDecl[];
            inner: A.TypeDecl[];
        }
    ): void {
        const isStatic = modifiers.keywords.has('static');
        const method = ctx.methodDeclaration();
        if (method) {
            const block = method.block();
            into.methods.push({
                line: line(method),
                name: text(method.id()),
                key: text(method.id()).toLowerCase(),
                modifiers,
                isStatic,
                returnType: method.VOID() ? null : this.typeRef(method.typeRef()),
                params: this.params(method.formalParameters()),
                body: block ? this.block(block) : null
            });
            return;
        }
        const constructor = 'constructorDeclaration' in ctx ? ctx.constructorDeclaration() : null;
        if (constructor) {
            into.constructors.push({
                line: line(constructor),
                modifiers,
                params: this.params(constructor.formalParameters()),
                body: this.block(constructor.block())
            });
            return;
        }
        const field = ctx.fieldDeclaration();
        if (field) {
            const type = this.typeRef(field.typeRef());
            for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
                const name = text(declarator.id());
                const init = declarator.expression();
                into.members.push({
                    kind: 'field',
                    line: line(declarator),
                    modifiers,
                    isStatic,
                    type,
                    name,
                    key: name.toLowerCase(),
                    init: init ? this.expr(init) : null
                });
            }
            return;
        }
        const property = ctx.propertyDeclaration();
        if (property) {
            let getter: A.PropertyDecl['getter'] = null;
            let setter: A.PropertyDecl['setter'] = null;
            for (const block of property.propertyBlock_list()) {
                const get = block.getter();
                const set = block.setter();
                if (get) getter = get.block() ? this.block(get.block()) : 'auto';
                if (set) setter = set.block() ? this.block(set.block()) : 'auto';
            }
            const name = text(property.id());
            into.members.push({
                kind: 'property',
                line: line(property),
                modifiers,
                isStatic,
                type: this.typeRef(property.typeRef()),
                name,
                key: name.toLowerCase(),
                getter,
                setter
            });
            return;
        }
        const nested = ctx.classDeclaration() ?? ctx.interfaceDeclaration() ?? ctx.enumDeclaration();
        into.inner.push(this.type(nested, modifiers, owner));
    }

    trigger(ctx: ReturnType<ReturnType<typeof ApexParserFactory.createParser>['triggerUnit']>): A.TriggerDecl {
        const [nameId, objectId] = ctx.id_list();
        const events = ctx.triggerCase_list().map((c) =>
            c
                .getText()
                .replace(/^(before|after)/i, '$1 ')
                .toLowerCase()
        );
        const statements: A.Stmt[] = [];
        const members: A.MemberInit[] = [];
        const methods: A.MethodDecl[] = [];
        const constructors: A.ConstructorDecl[] = [];
        const inner: A.TypeDecl[] = [];
        const name = text(nameId);
        for (const member of ctx.triggerBlock().triggerBlockMember_list()) {
            const statement = member.statement();
            const local = this.topLevelLocal(member.triggerMemberDeclaration(), member.modifier_list());
            if (statement) statements.push(this.statement(statement));
            else if (local) statements.push(local);
            else
                this.member(member.triggerMemberDeclaration() as never, this.modifiers(member.modifier_list()), name, {
                    members,
                    methods,
                    constructors,
                    inner
                });
        }
        return {
            line: line(ctx),
            name,
            objectName: text(objectId),
            file: this.file,
            events,
            body: { kind: 'block', line: line(ctx), body: statements },
            type: {
                kind: 'class',
                line: line(ctx),
                name,
                key: name.toLowerCase(),
                fullName: name,
                file: this.file,
                modifiers: NO_MODIFIERS,
                extends: null,
                implements: [],
                members,
                methods,
                constructors,
                inner,
                enumValues: []
            }
        };
    }

    anonymous(ctx: ReturnType<ReturnType<typeof ApexParserFactory.createParser>['anonymousUnit']>): {
        body: A.BlockStmt;
        type: A.TypeDecl;
    } {
        const statements: A.Stmt[] = [];
        const members: A.MemberInit[] = [];
        const methods: A.MethodDecl[] = [];
        const constructors: A.ConstructorDecl[] = [];
        const inner: A.TypeDecl[] = [];
        for (const member of ctx.anonymousBlock().anonymousBlockMember_list()) {
            const statement = member.statement();
            const local = this.topLevelLocal(member.anonymousMemberDeclaration(), member.modifier_list());
            if (statement) statements.push(this.statement(statement));
            else if (local) statements.push(local);
            else
                this.member(
                    member.anonymousMemberDeclaration() as never,
                    this.modifiers(member.modifier_list()),
                    'AnonymousBlock',
                    { members, methods, constructors, inner }
                );
        }
        return {
            body: { kind: 'block', line: 1, body: statements },
            type: {
                kind: 'class',
                line: 1,
                name: 'AnonymousBlock',
                key: 'anonymousblock',
                fullName: 'AnonymousBlock',
                file: this.file,
                modifiers: NO_MODIFIERS,
                extends: null,
                implements: [],
                members,
                methods,
                constructors,
                inner,
                enumValues: []
            }
        };
    }

    /**
     * In anonymous Apex and a trigger body, `Integer i = 1;` at the top level is a local variable (the grammar
     * reads it as a field declaration); a static one stays a member.
     */
    private topLevelLocal(
        member: { fieldDeclaration(): { typeRef(): TypeRefContext; variableDeclarators(): unknown } | null } | null,
        modifiers: ModifierContext[]
    ): A.LocalStmt | null {
        const field = member?.fieldDeclaration();
        if (!field || modifiers.some((m) => m.STATIC())) return null;
        const declarators = (
            field.variableDeclarators() as ReturnType<LocalVariableDeclarationContext['variableDeclarators']>
        ).variableDeclarator_list();
        return {
            kind: 'local',
            line: line(field as unknown as ParserRuleContext),
            type: this.typeRef(field.typeRef()),
            decls: declarators.map((d) => ({
                name: text(d.id()),
                key: text(d.id()).toLowerCase(),
                init: d.expression() ? this.expr(d.expression()) : null,
                line: line(d)
            }))
        };
    }

    private modifiers(list: ModifierContext[]): A.Modifiers {
        if (list.length === 0) return NO_MODIFIERS;
        const keywords = new Set<string>();
        const annotations: A.Annotation[] = [];
        let sharing: A.Modifiers['sharing'] = null;
        for (const modifier of list) {
            const annotation = modifier.annotation();
            if (annotation) {
                annotations.push(this.annotation(annotation));
                continue;
            }
            if (modifier.SHARING()) {
                sharing = modifier.WITHOUT() ? 'without' : modifier.INHERITED() ? 'inherited' : 'with';
                continue;
            }
            keywords.add(modifier.getText().toLowerCase());
        }
        return { keywords, annotations, sharing };
    }

    private annotation(ctx: AnnotationContext): A.Annotation {
        const params = new Map<string, ApexValue>();
        const pairs = ctx.elementValuePairs();
        const literalOf = (valueText: string): ApexValue => {
            if (/^true$/i.test(valueText)) return true;
            if (/^false$/i.test(valueText)) return false;
            if (valueText.startsWith("'")) return unquote(valueText);
            return valueText;
        };
        if (pairs) {
            for (const pair of pairs.elementValuePair_list()) {
                params.set(text(pair.id()).toLowerCase(), literalOf(text(pair.elementValue())));
            }
        } else if (ctx.elementValue()) {
            params.set('value', literalOf(text(ctx.elementValue())));
        }
        return { key: text(ctx.id()).toLowerCase(), params };
    }

    private params(ctx: FormalParametersContext): A.Param[] {
        return (
            ctx
                .formalParameterList()
                ?.formalParameter_list()
                .map((p) => ({
                    type: this.typeRef(p.typeRef()),
                    name: text(p.id()),
                    key: text(p.id()).toLowerCase()
                })) ?? []
        );
    }

    typeRef(ctx: TypeRefContext): TypeRef {
        const names = ctx.typeName_list();
        const parts: string[] = [];
        let args: TypeRef[] = [];
        for (const name of names) {
            const keyword = name.LIST() ?? name.SET() ?? name.MAP();
            parts.push(keyword ? canonicalCollection(keyword.getText()) : text(name.id()));
            const typeArgs = name.typeArguments();
            if (typeArgs)
                args = typeArgs
                    .typeList()
                    .typeRef_list()
                    .map((t) => this.typeRef(t));
        }
        let type = typeRef(parts.join('.'), ...args);
        const dims = ctx.arraySubscripts()?.LBRACK_list().length ?? 0;
        for (let i = 0; i < dims; i++) type = typeRef('List', type);
        return type;
    }

    // --- statements -------------------------------------------------------------------------------------

    block(ctx: BlockContext): A.BlockStmt {
        return { kind: 'block', line: line(ctx), body: ctx.statement_list().map((s) => this.statement(s)) };
    }

    private optionalStatement(ctx: StatementContext | null | undefined): A.Stmt | null {
        return ctx ? this.statement(ctx) : null;
    }

    statement(ctx: StatementContext): A.Stmt {
        const at = line(ctx);
        const block = ctx.block();
        if (block) return this.block(block);
        const local = ctx.localVariableDeclarationStatement();
        if (local) return this.local(local.localVariableDeclaration());
        const expression = ctx.expressionStatement();
        if (expression) return { kind: 'expr', line: at, expr: this.expr(expression.expression()) };
        const ifs = ctx.ifStatement();
        if (ifs) {
            const [then, otherwise] = ifs.statement_list();
            return {
                kind: 'if',
                line: at,
                cond: this.expr(ifs.parExpression().expression()),
                then: this.statement(then),
                otherwise: this.optionalStatement(otherwise)
            };
        }
        const ret = ctx.returnStatement();
        if (ret) return { kind: 'return', line: at, expr: ret.expression() ? this.expr(ret.expression()) : null };
        const thr = ctx.throwStatement();
        if (thr) return { kind: 'throw', line: at, expr: this.expr(thr.expression()) };
        if (ctx.breakStatement()) return { kind: 'break', line: at };
        if (ctx.continueStatement()) return { kind: 'continue', line: at };
        const forStatement = ctx.forStatement();
        if (forStatement) return this.forStatement(forStatement);
        const whileStatement = ctx.whileStatement();
        if (whileStatement)
            return {
                kind: 'while',
                line: at,
                cond: this.expr(whileStatement.parExpression().expression()),
                body: this.optionalStatement(whileStatement.statement())
            };
        const doWhile = ctx.doWhileStatement();
        if (doWhile)
            return {
                kind: 'doWhile',
                line: at,
                body: this.block(doWhile.block()),
                cond: this.expr(doWhile.parExpression().expression())
            };
        const tryStatement = ctx.tryStatement();
        if (tryStatement) {
            return {
                kind: 'try',
                line: at,
                body: this.block(tryStatement.block()),
                catches: tryStatement.catchClause_list().map((c) => ({
                    type: typeRef(text(c.qualifiedName())),
                    name: text(c.id()),
                    key: text(c.id()).toLowerCase(),
                    body: this.block(c.block())
                })),
                finally: tryStatement.finallyBlock() ? this.block(tryStatement.finallyBlock().block()) : null
            };
        }
        const switchStatement = ctx.switchStatement();
        if (switchStatement) return this.switchStatement(switchStatement);
        const runAs = ctx.runAsStatement();
        if (runAs)
            return {
                kind: 'runAs',
                line: at,
                args:
                    runAs
                        .expressionList()
                        ?.expression_list()
                        .map((e) => this.expr(e)) ?? [],
                body: this.block(runAs.block())
            };
        return this.dml(ctx);
    }

    private local(ctx: LocalVariableDeclarationContext): A.LocalStmt {
        return {
            kind: 'local',
            line: line(ctx),
            type: this.typeRef(ctx.typeRef()),
            decls: ctx
                .variableDeclarators()
                .variableDeclarator_list()
                .map((d) => ({
                    name: text(d.id()),
                    key: text(d.id()).toLowerCase(),
                    init: d.expression() ? this.expr(d.expression()) : null,
                    line: line(d)
                }))
        };
    }

    private forStatement(ctx: NonNullable<ReturnType<StatementContext['forStatement']>>): A.Stmt {
        const control = ctx.forControl();
        const body = this.optionalStatement(ctx.statement());
        const enhanced = control.enhancedForControl();
        if (enhanced) {
            return {
                kind: 'forEach',
                line: line(ctx),
                type: this.typeRef(enhanced.typeRef()),
                name: text(enhanced.id()),
                key: text(enhanced.id()).toLowerCase(),
                iterable: this.expr(enhanced.expression()),
                body
            };
        }
        const init = control.forInit();
        let initPart: A.ForStmt['init'] = null;
        if (init) {
            const declaration = init.localVariableDeclaration();
            initPart = declaration
                ? this.local(declaration)
                : init
                      .expressionList()
                      .expression_list()
                      .map((e) => this.expr(e));
        }
        return {
            kind: 'for',
            line: line(ctx),
            init: initPart,
            cond: control.expression() ? this.expr(control.expression()) : null,
            update:
                control
                    .forUpdate()
                    ?.expressionList()
                    .expression_list()
                    .map((e) => this.expr(e)) ?? [],
            body
        };
    }

    private switchStatement(ctx: NonNullable<ReturnType<StatementContext['switchStatement']>>): A.SwitchStmt {
        const whens: A.WhenClause[] = ctx.whenControl_list().map((when) => {
            const value = when.whenValue();
            const body = this.block(when.block());
            if (value.ELSE()) return { kind: 'else', body };
            if (value.typeRef()) {
                return {
                    kind: 'type',
                    type: this.typeRef(value.typeRef()),
                    name: text(value.id()),
                    key: text(value.id()).toLowerCase(),
                    body
                };
            }
            return { kind: 'values', values: value.whenLiteral_list().map((l) => this.whenLiteral(l)), body };
        });
        return { kind: 'switch', line: line(ctx), expr: this.expr(ctx.expression()), whens };
    }

    private whenLiteral(ctx: WhenLiteralContext): A.WhenLiteral {
        const nested = ctx.whenLiteral();
        if (nested) return this.whenLiteral(nested);
        if (ctx.NULL()) return { kind: 'value', value: null };
        const str = ctx.StringLiteral() ?? ctx.MultilineStringLiteral();
        if (str) return { kind: 'value', value: unquote(str.getText()) };
        const number = ctx.IntegerLiteral() ?? ctx.LongLiteral();
        if (number) {
            const negative = ctx.SUB_list().length % 2 === 1;
            return { kind: 'value', value: numericLiteral(number.getText(), negative) };
        }
        return { kind: 'enum', name: text(ctx.qualifiedName()) };
    }

    private dml(ctx: StatementContext): A.DmlStmt {
        const candidates = [
            ['insert', ctx.insertStatement()],
            ['update', ctx.updateStatement()],
            ['delete', ctx.deleteStatement()],
            ['undelete', ctx.undeleteStatement()],
            ['upsert', ctx.upsertStatement()],
            ['merge', ctx.mergeStatement()]
        ] as const;
        for (const [op, statement] of candidates) {
            if (!statement) continue;
            const access = statement.accessLevel();
            const accessLevel = access ? (access.USER() ? 'user' : 'system') : null;
            if (op === 'merge') {
                const [first, second] = ctx.mergeStatement().expression_list();
                return {
                    kind: 'dml',
                    line: line(ctx),
                    op,
                    access: accessLevel,
                    expr: this.expr(first),
                    upsertField: null,
                    mergeWith: this.expr(second)
                };
            }
            const upsert = ctx.upsertStatement();
            return {
                kind: 'dml',
                line: line(ctx),
                op,
                access: accessLevel,
                expr: this.expr((statement as { expression(): ExpressionContext }).expression()),
                upsertField: op === 'upsert' && upsert.qualifiedName() ? text(upsert.qualifiedName()) : null,
                mergeWith: null
            };
        }
        return this.fail(ctx, `statement '${ctx.getText().slice(0, 40)}'`);
    }

    // --- expressions ------------------------------------------------------------------------------------

    expr(ctx: ExpressionContext): A.Expr {
        const at = line(ctx);
        if (ctx instanceof PrimaryExpressionContext) return this.primary(ctx.primary() as ParserRuleContext);
        if (ctx instanceof DotExpressionContext) {
            const target = this.expr(ctx.expression());
            const safe = !!ctx.QUESTIONDOT();
            const call = ctx.dotMethodCall();
            if (call) {
                const name = text(call.anyId());
                return {
                    kind: 'call',
                    line: at,
                    target,
                    name,
                    key: name.toLowerCase(),
                    args:
                        call
                            .expressionList()
                            ?.expression_list()
                            .map((e) => this.expr(e)) ?? [],
                    safe
                };
            }
            const name = text(ctx.anyId());
            return { kind: 'field', line: at, target, name, key: name.toLowerCase(), safe };
        }
        if (ctx instanceof MethodCallExpressionContext) return this.methodCall(ctx.methodCall());
        if (ctx instanceof SubExpressionContext) return this.expr(ctx.expression());
        if (ctx instanceof ArrayExpressionContext) {
            const [target, index] = ctx.expression_list();
            return { kind: 'index', line: at, target: this.expr(target), index: this.expr(index) };
        }
        if (ctx instanceof NewExpressionContext) return this.creator(ctx);
        if (ctx instanceof CastExpressionContext) {
            return { kind: 'cast', line: at, type: this.typeRef(ctx.typeRef()), expr: this.expr(ctx.expression()) };
        }
        if (ctx instanceof PostOpExpressionContext) {
            return {
                kind: 'incDec',
                line: at,
                op: ctx.INC() ? '++' : '--',
                prefix: false,
                target: this.expr(ctx.expression())
            };
        }
        if (ctx instanceof PreOpExpressionContext) {
            // -2147483648 is an Integer literal: negate the digits before they are read as a (too large) Integer.
            if (ctx.SUB() && isUnsignedNumericLiteral(ctx.expression())) {
                return { kind: 'literal', line: at, value: numericLiteral(text(ctx.expression()), true) };
            }
            const inner = this.expr(ctx.expression());
            if (ctx.INC() || ctx.DEC())
                return { kind: 'incDec', line: at, op: ctx.INC() ? '++' : '--', prefix: true, target: inner };
            return { kind: 'unary', line: at, op: ctx.SUB() ? '-' : '+', expr: inner };
        }
        if (ctx instanceof NegExpressionContext) {
            return { kind: 'unary', line: at, op: ctx.BANG() ? '!' : '~', expr: this.expr(ctx.expression()) };
        }
        if (ctx instanceof InstanceOfExpressionContext) {
            return {
                kind: 'instanceof',
                line: at,
                expr: this.expr(ctx.expression()),
                type: this.typeRef(ctx.typeRef())
            };
        }
        if (ctx instanceof CondExpressionContext) {
            const [cond, then, otherwise] = ctx.expression_list();
            return {
                kind: 'conditional',
                line: at,
                cond: this.expr(cond),
                then: this.expr(then),
                otherwise: this.expr(otherwise)
            };
        }
        if (ctx instanceof AssignExpressionContext) {
            const [target, value] = ctx.expression_list();
            const op = operatorBetween(ctx).replace(/=$/, '') || '=';
            return {
                kind: 'assign',
                line: at,
                op: op as A.AssignExpr['op'],
                target: this.expr(target),
                value: this.expr(value)
            };
        }
        if (
            ctx instanceof Arth1ExpressionContext ||
            ctx instanceof Arth2ExpressionContext ||
            ctx instanceof BitExpressionContext ||
            ctx instanceof CmpExpressionContext ||
            ctx instanceof EqualityExpressionContext ||
            ctx instanceof BitAndExpressionContext ||
            ctx instanceof BitNotExpressionContext ||
            ctx instanceof BitOrExpressionContext ||
            ctx instanceof LogAndExpressionContext ||
            ctx instanceof LogOrExpressionContext ||
            ctx instanceof CoalExpressionContext
        ) {
            const [left, right] = ctx.expression_list();
            let op = operatorBetween(ctx);
            if (op === '<>') op = '!=';
            return { kind: 'binary', line: at, op: op as A.BinaryOp, left: this.expr(left), right: this.expr(right) };
        }
        return this.fail(ctx, `expression '${ctx.getText().slice(0, 40)}'`);
    }

    private methodCall(ctx: MethodCallContext): A.CallExpr {
        const args =
            ctx
                .expressionList()
                ?.expression_list()
                .map((e) => this.expr(e)) ?? [];
        const name = ctx.THIS() ? 'this' : ctx.SUPER() ? 'super' : text(ctx.id());
        return { kind: 'call', line: line(ctx), target: null, name, key: name.toLowerCase(), args, safe: false };
    }

    private primary(ctx: ParserRuleContext): A.Expr {
        const at = line(ctx);
        if (ctx instanceof ThisPrimaryContext) return { kind: 'this', line: at };
        if (ctx instanceof SuperPrimaryContext) return { kind: 'super', line: at };
        if (ctx instanceof LiteralPrimaryContext)
            return { kind: 'literal', line: at, value: this.literal(ctx.literal()) };
        if (ctx instanceof IdPrimaryContext) {
            const name = text(ctx.id());
            return { kind: 'name', line: at, name, key: name.toLowerCase() };
        }
        if (ctx instanceof TypeRefPrimaryContext)
            return { kind: 'typeLiteral', line: at, type: this.typeRef(ctx.typeRef()) };
        if (ctx instanceof VoidPrimaryContext) return { kind: 'typeLiteral', line: at, type: typeRef('void') };
        if (ctx instanceof SoqlPrimaryContext) {
            const query = soqlFromContext(ctx.soqlLiteral().query(), (e: ExpressionContext) => this.expr(e));
            return { kind: 'soql', line: at, query };
        }
        if (ctx instanceof SoslPrimaryContext) return this.fail(ctx, 'SOSL');
        return this.fail(ctx, `primary '${ctx.getText().slice(0, 40)}'`);
    }

    private literal(ctx: LiteralContext): ApexValue {
        if (ctx.NULL()) return null;
        const bool = ctx.BooleanLiteral();
        if (bool) return bool.getText().toLowerCase() === 'true';
        const str = ctx.StringLiteral() ?? ctx.MultilineStringLiteral();
        if (str) return unquote(str.getText());
        return numericLiteral(ctx.getText(), false);
    }

    private creator(ctx: NewExpressionContext): A.Expr {
        const at = line(ctx);
        const creator = ctx.creator();
        const pairs = creator.createdName().idCreatedNamePair_list();
        const name = pairs.map((p) => canonicalCollection(text(p.anyId()))).join('.');
        const last = pairs[pairs.length - 1];
        const args =
            last
                .typeList()
                ?.typeRef_list()
                .map((t) => this.typeRef(t)) ?? [];
        const type = typeRef(name, ...args);
        const classRest = creator.classCreatorRest();
        if (classRest) {
            return {
                kind: 'new',
                line: at,
                type,
                args:
                    classRest
                        .arguments()
                        .expressionList()
                        ?.expression_list()
                        .map((e) => this.expr(e)) ?? []
            };
        }
        const empty = { kind: 'newCollection' as const, line: at, elements: [], pairs: [], size: null };
        if (creator.noRest()) return { ...empty, type };
        const arrayRest = creator.arrayCreatorRest();
        if (arrayRest) {
            const listType = typeRef('List', type);
            const size = arrayRest.expression();
            if (size) return { ...empty, type: listType, size: this.expr(size) };
            const init = arrayRest.arrayInitializer();
            return { ...empty, type: listType, elements: init ? init.expression_list().map((e) => this.expr(e)) : [] };
        }
        const mapRest = creator.mapCreatorRest();
        if (mapRest) {
            return {
                ...empty,
                type,
                pairs: mapRest.mapCreatorRestPair_list().map((p) => {
                    const [key, value] = p.expression_list();
                    return [this.expr(key), this.expr(value)] as const;
                })
            };
        }
        const setRest = creator.setCreatorRest();
        return { ...empty, type, elements: setRest.expression_list().map((e) => this.expr(e)) };
    }
}

/** The operator tokens between an expression's two operands (`>` `>` `>` for a shift, `>` `=` for >=). */
function operatorBetween(ctx: ParserRuleContext): string {
    const children = ctx.children ?? [];
    let op = '';
    for (let i = 1; i < children.length - 1; i++) op += children[i].getText();
    return op;
}

function isUnsignedNumericLiteral(ctx: ExpressionContext): boolean {
    if (!(ctx instanceof PrimaryExpressionContext)) return false;
    const primary = ctx.primary();
    if (!(primary instanceof LiteralPrimaryContext)) return false;
    const literal = primary.literal();
    return !!(literal.IntegerLiteral() ?? literal.LongLiteral() ?? literal.NumberLiteral());
}

function canonicalCollection(name: string): string {
    switch (name.toLowerCase()) {
        case 'list':
            return 'List';
        case 'set':
            return 'Set';
        case 'map':
            return 'Map';
        default:
            return name;
    }
}
