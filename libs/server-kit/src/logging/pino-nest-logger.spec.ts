import { captureLogs } from '../test-support/log-capture';
import { PinoNestLogger } from './pino-nest-logger';

describe('PinoNestLogger', () => {
  it('maps Nest levels to pino levels with the context as a field', () => {
    const { logger, lines } = captureLogs('trace');
    const nest = new PinoNestLogger(logger);
    nest.verbose('v', 'Ctx');
    nest.debug('d', 'Ctx');
    nest.log('l', 'Ctx');
    nest.warn('w', 'Ctx');
    nest.error('e', 'Ctx');
    nest.fatal('f', 'Ctx');
    expect(lines.map((l) => [l['level'], l['msg'], l['context']])).toEqual([
      ['trace', 'v', 'Ctx'],
      ['debug', 'd', 'Ctx'],
      ['info', 'l', 'Ctx'],
      ['warn', 'w', 'Ctx'],
      ['error', 'e', 'Ctx'],
      ['fatal', 'f', 'Ctx'],
    ]);
    expect(lines[0]!['name']).toBe('test');
    expect(typeof lines[0]!['time']).toBe('string');
  });

  it('merges an object message into the line, its msg becoming the message', () => {
    const { logger, lines } = captureLogs();
    new PinoNestLogger(logger).log({ msg: 'scanner started', afterId: 42 }, 'ConfigService');
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'scanner started',
      afterId: 42,
      context: 'ConfigService',
    });
  });

  it('keeps the stack Nest passes with an error', () => {
    const { logger, lines } = captureLogs();
    const nest = new PinoNestLogger(logger);
    const stack = 'Error: x\n    at fn (file.js:1:1)';
    nest.error('failed', stack, 'Ctx');
    nest.error('failed alone', stack);
    nest.error(new Error('thrown'));
    expect(lines[0]).toMatchObject({ msg: 'failed', stack, context: 'Ctx' });
    expect(lines[1]).toMatchObject({ msg: 'failed alone', stack });
    expect(lines[1]!['context']).toBeUndefined();
    expect(lines[2]).toMatchObject({ msg: 'thrown', err: { message: 'thrown' } });
  });

  it("turns Nest's start-up narration down to debug", () => {
    const { logger, lines } = captureLogs('info');
    const nest = new PinoNestLogger(logger);
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(lines.map((l) => l['msg'])).toEqual(['Nest application successfully started']);
  });

  it('writes nothing below the level', () => {
    const { logger, lines } = captureLogs('warn');
    const nest = new PinoNestLogger(logger);
    nest.log('x');
    nest.debug('y');
    nest.warn('z');
    expect(lines.map((l) => l['msg'])).toEqual(['z']);
  });
});
