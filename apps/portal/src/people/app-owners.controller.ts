import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '../sessions/access';
import { CurrentUser } from '../sessions/current-user';
import type { SignedInUser } from '../sessions/session.service';
import { AppOwners } from './app-owners.service';
import { OwnerTransferDto, TransferOwnerDto } from './user.dto';

@ApiTags('apps')
@Controller('api/apps/:appId')
export class AppOwnersController {
  constructor(@Inject(AppOwners) private readonly owners: AppOwners) {}

  @Put('owner')
  @Requires('master')
  @ApiOperation({
    summary:
      "Make an enabled portal user the app's owner in every environment that has it, and an app master (app master)",
  })
  @ApiOkResponse({ type: OwnerTransferDto })
  transfer(
    @Param('appId') appId: string,
    @Body() body: TransferOwnerDto,
    @CurrentUser() signedIn: SignedInUser,
  ): Promise<OwnerTransferDto> {
    return this.owners.transfer(appId, body.ownerName, signedIn.user.username);
  }
}
