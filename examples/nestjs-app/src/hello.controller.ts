import { Controller, Get, Logger } from '@nestjs/common';
import { HoustonValue } from '@houston/nestjs';
import { LogLevelService } from './log-level.service';

@Controller()
export class HelloController {
  private readonly logger = new Logger(HelloController.name);

  /** A feature switch: flipped in Houston, effective on the next request. */
  @HoustonValue('feature.greeting', false) private readonly greetingOn!: boolean;

  constructor(private readonly logLevel: LogLevelService) {}

  @Get('hello')
  hello(): { message: string } {
    this.logger.debug(`GET /hello (feature.greeting=${this.greetingOn})`);
    return { message: this.greetingOn ? 'Hello from Houston!' : 'hello' };
  }

  @Get('log-level')
  level(): { level: string } {
    return { level: this.logLevel.level };
  }
}
