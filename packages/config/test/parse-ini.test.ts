import { describe, expect, it } from 'vitest';
import { IniSyntaxError, parseIni } from '../src/index.js';

const value = (text: string, section: string, key: string): string | undefined =>
  parseIni(text, 'test.ini').sections.get(section)?.entries.get(key)?.value;

const syntaxError = (text: string): IniSyntaxError => {
  try {
    parseIni(text, 'test.ini');
  } catch (error) {
    expect(error).toBeInstanceOf(IniSyntaxError);
    return error as IniSyntaxError;
  }
  throw new Error('expected an IniSyntaxError');
};

describe('parseIni follows configparser', () => {
  it('splits on the first = or :, and strips keys and values', () => {
    const text = '[s]\n  a  =  1 = 2  \nb: x: y\nc=3\nd :4\nurl = http://h:1/p\n';
    expect(value(text, 's', 'a')).toBe('1 = 2');
    expect(value(text, 's', 'b')).toBe('x: y');
    expect(value(text, 's', 'c')).toBe('3');
    expect(value(text, 's', 'd')).toBe('4');
    expect(value(text, 's', 'url')).toBe('http://h:1/p');
  });

  it('keeps # and ; inside values (MQTT topics)', () => {
    const text =
      '[mqtt]\ntopics = ["msh/US/bayarea/#", "msh/#"] ; not a comment\nnet_tag = #BayMeshNet\n';
    expect(value(text, 'mqtt', 'topics')).toBe('["msh/US/bayarea/#", "msh/#"] ; not a comment');
    expect(value(text, 'mqtt', 'net_tag')).toBe('#BayMeshNet');
  });

  it('treats % literally (no interpolation)', () => {
    const text = '[database]\nconnection_string = postgresql://u:p%40ss%%@h/%(db)s\n';
    expect(value(text, 'database', 'connection_string')).toBe('postgresql://u:p%40ss%%@h/%(db)s');
  });

  it('skips full-line comments, indented or not, and blank lines', () => {
    const text =
      '# top\n; also\n[s]\n# c\n   ; indented comment\n\na = 1\n  # not a continuation\nb = 2\n';
    const section = parseIni(text, 'test.ini').sections.get('s');
    expect([...(section?.entries.keys() ?? [])]).toEqual(['a', 'b']);
    expect(section?.entries.get('a')?.value).toBe('1');
  });

  it('joins deeper-indented continuation lines with newlines, dropping trailing blank lines', () => {
    const text = '[mqtt]\ntopics = [\n    "a/#",\n\n    "b/#"]\n\n\nport = 1\n';
    expect(value(text, 'mqtt', 'topics')).toBe('[\n"a/#",\n\n"b/#"]');
    expect(value(text, 'mqtt', 'port')).toBe('1');
  });

  it('continues a value only for lines indented deeper than its key', () => {
    const text = '[s]\n  a = 1\n  b = 2\n    more\n';
    expect(value(text, 's', 'a')).toBe('1');
    expect(value(text, 's', 'b')).toBe('2\nmore');
  });

  it('allows empty values', () => {
    expect(value('[server]\ntls_cert =\nx:\n', 'server', 'tls_cert')).toBe('');
    expect(value('[server]\ntls_cert =\nx:\n', 'server', 'x')).toBe('');
  });

  it('lowercases keys but keeps section names as written', () => {
    const ini = parseIni('[Server]\nPORT = 1\n[server]\nBind = *\n', 'test.ini');
    expect([...ini.sections.keys()]).toEqual(['Server', 'server']);
    expect(ini.sections.get('Server')?.entries.get('port')?.value).toBe('1');
    expect(ini.sections.get('server')?.entries.get('bind')?.value).toBe('*');
  });

  it('records line numbers and handles CRLF and a byte-order mark', () => {
    const ini = parseIni('\uFEFF[s]\r\n\r\na = 1\r\nb = 2\r\n', 'test.ini');
    expect(ini.sections.get('s')?.line).toBe(1);
    expect(ini.sections.get('s')?.entries.get('b')).toEqual({ key: 'b', value: '2', line: 4 });
  });

  it('keeps [DEFAULT] apart, as configparser does', () => {
    const ini = parseIni('[DEFAULT]\nhour = 3\n[cleanup]\nenabled = 1\n', 'test.ini');
    expect(ini.defaults.get('hour')?.value).toBe('3');
    expect([...ini.sections.keys()]).toEqual(['cleanup']);
  });
});

describe('parseIni errors name the file and line', () => {
  it('rejects a key before any section', () => {
    const error = syntaxError('# comment\n\nport = 8081\n[server]\n');
    expect(error.code).toBe('CONFIG_INI_NO_SECTION');
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      'test.ini: "port = 8081" comes before any [section] header; put it under one (line 3)',
    );
  });

  it('rejects a line that is neither header, key nor comment', () => {
    const error = syntaxError('[server]\nport = 1\njust words\n');
    expect(error.code).toBe('CONFIG_INI_SYNTAX');
    expect(error.fileName).toBe('test.ini');
    expect(error.message).toContain('test.ini: "just words" is not');
    expect(error.message).toContain('(line 3)');
  });

  it('rejects an empty key and an unterminated header', () => {
    expect(syntaxError('[s]\n= 1\n').line).toBe(2);
    expect(syntaxError('[s]\n[broken\n').code).toBe('CONFIG_INI_SYNTAX');
  });

  it('rejects a repeated section (strict mode)', () => {
    const error = syntaxError('[server]\nport = 1\n\n[server]\nbind = *\n');
    expect(error.code).toBe('CONFIG_INI_DUPLICATE_SECTION');
    expect(error.message).toBe(
      'test.ini: section [server] is repeated (first at line 1); merge the two (line 4)',
    );
  });

  it('rejects a repeated key in a section, whatever its case (strict mode)', () => {
    const error = syntaxError('[server]\nport = 1\nPort = 2\n');
    expect(error.code).toBe('CONFIG_INI_DUPLICATE_KEY');
    expect(error.line).toBe(3);
    expect(error.message).toContain('key port in [server] is repeated (first at line 2)');
  });

  it('allows the same key in different sections', () => {
    const ini = parseIni('[cleanup]\nhour = 2\n[snapshot]\nhour = 1\n', 'test.ini');
    expect(ini.sections.get('snapshot')?.entries.get('hour')?.value).toBe('1');
  });
});
