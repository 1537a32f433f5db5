import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssociationService } from './association.service';
import { PublicAppNamespaceDto } from './namespace.dto';

/** Every app's public namespace definitions (Apollo portal's `GET /appnamespaces/public`). */
@ApiTags('namespaces')
@Controller('appnamespaces/public')
export class PublicAppNamespacesController {
  constructor(private readonly associations: AssociationService) {}

  @Get()
  @ApiOperation({
    operationId: 'listPublicAppNamespaces',
    summary: 'Public namespaces of every app, by name (at most 1000): what an app may associate',
  })
  @ApiOkResponse({ type: PublicAppNamespaceDto, isArray: true })
  list(): Promise<PublicAppNamespaceDto[]> {
    return this.associations.listPublic();
  }
}
