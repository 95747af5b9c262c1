import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { parseCommandText, type ParsedText, type ParseTextFailure } from '../../commands/parse-text.js';
import type { Inline } from '../../commands/types.js';
import { plainInline } from '../../src/platforms/plain-reply.js';

/** Usage lines with the commands they name written as bare words: the grammar is every platform's. */
function usageText(usage: readonly (readonly Inline[])[]): string[] {
  return usage.map((line) => plainInline(line, (ref) => [...ref.command, ...(ref.args ? [ref.args] : [])].join(' ')));
}

function parsed(text: string): ParsedText {
  const result = parseCommandText(text, COMMANDS);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result;
}

function failed(text: string): ParseTextFailure {
  const result = parseCommandText(text, COMMANDS);
  if (result.ok) throw new Error(`expected "${text}" to fail, got ${result.path.join(' ')}`);
  return result;
}

describe('parseCommandText', () => {
  it('reads a subcommand and its name:value options as raw text', () => {
    const result = parsed('rankings metric:likes country:CN limit:5');

    expect(result.path).toEqual(['rankings']);
    expect(result.command.name).toBe('rankings');
    expect(result.args).toEqual({ metric: 'likes', country: 'CN', limit: '5' });
  });

  it('resolves a group and its subcommand, any case', () => {
    const result = parsed('LABS Add org:deepseek-ai');

    expect(result.path).toEqual(['labs', 'add']);
    expect(result.args).toEqual({ org: 'deepseek-ai' });
  });

  it('fills a required option from a value without a name', () => {
    expect(parsed('model deepseek-ai/DeepSeek-R1').args).toEqual({ id: 'deepseek-ai/DeepSeek-R1' });
  });

  it('fills required options first, then optional ones, in declared order, around named ones', () => {
    expect(parsed('labs add deepseek-ai CN').args).toEqual({ org: 'deepseek-ai', country: 'CN' });
    expect(parsed('labs add country:CN deepseek-ai "Deep Seek"').args).toEqual({
      org: 'deepseek-ai',
      country: 'CN',
      name: 'Deep Seek',
    });
    expect(parsed('alerts unsubscribe 3').args).toEqual({ id: '3' });
  });

  it('takes values in straight or smart double quotes, and glued pieces as one value', () => {
    expect(parsed('labs add org:foo name:"My Lab"').args.name).toBe('My Lab');
    expect(parsed('labs add org:foo name:\u201cMy Lab\u201d').args.name).toBe('My Lab');
    expect(parsed('labs add org:foo name:My" "Lab').args.name).toBe('My Lab');
    expect(parsed('labs add org:foo name:""').args.name).toBe('');
  });

  it('keeps a URL, colons and all, as one value', () => {
    expect(parsed('model https://huggingface.co/Qwen/Qwen3-8B').args).toEqual({
      id: 'https://huggingface.co/Qwen/Qwen3-8B',
    });
  });

  it('passes share and unknown option names through for validateArgs to judge', () => {
    expect(parsed('releases share:true bogus:1').args).toEqual({ share: 'true', bogus: '1' });
  });

  it('treats empty text and help as help', () => {
    expect(parsed('').path).toEqual(['help']);
    expect(parsed('   ').path).toEqual(['help']);
    expect(parsed('help').path).toEqual(['help']);
  });

  it('answers an unknown subcommand with every command there is', () => {
    const result = failed('subscribe Qwen');

    expect(result.error).toBe('there is no command "subscribe"; these exist:');
    expect(usageText(result.usage)).toContain(
      'alerts subscribe [labs:DeepSeek,Qwen] [countries:CN,US] [tasks:text-generation] ' +
        '[min_params_b:0-100000] [variants:true|false] [mode:instant|daily|weekly|report] [changes:true|false] ' +
        '[day:mon|tue|wed|thu|fri|sat|sun] [hour:0-23] [tz:Europe/Paris]',
    );
    expect(usageText(result.usage)).toContain('model id:deepseek-ai/DeepSeek-R1');
    expect(usageText(result.usage)).toHaveLength(12);
  });

  it('asks for the subcommand of a group, naming them', () => {
    const missing = failed('labs');
    const unknown = failed('labs delete org:x');

    expect(missing.error).toBe('labs needs a subcommand: list, add, remove');
    expect(usageText(missing.usage)).toEqual([
      'labs list [country:CN]',
      'labs add org:deepseek-ai [country:CN] [name:My Lab]',
      'labs remove org:deepseek-ai',
    ]);
    expect(unknown.error).toBe('labs has no subcommand "delete"; it has list, add, remove');
  });

  it('refuses an option given twice, with the usage of the command', () => {
    const result = failed('rankings limit:5 limit:6');

    expect(result.error).toBe('`limit` is given twice; give it once');
    expect(usageText(result.usage)[0]).toBe(
      'rankings [metric:downloads|likes|trending|growth] [country:CN] [task:text-generation] [limit:1-25] [days:7|30]',
    );
    expect(usageText(result.usage)).toContain('limit: How many (1-25) (default 10)');
  });

  it('refuses more values than the command has options', () => {
    expect(failed('model a/b c/d').error).toBe(
      '"c/d" is one value too many: every option of model is already given; name the options as name:value',
    );
    expect(failed('help me').error).toBe('help takes no values, not "me"');
  });

  it('refuses a quote that is never closed and options before a subcommand', () => {
    expect(failed('labs add name:"My Lab').error).toBe('a quote opened at ""My Lab" is never closed');
    expect(failed('limit:5 rankings').error).toBe('start with a command, then its options');
  });
});
