import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AdminUserList, AdminUserView } from '@kindred/contracts';
import type { AuthUser } from '../../auth/auth-user.js';
import { Auth, CurrentUser } from '../../auth/auth.decorators.js';
import { RoleDto, SuspendUserDto, UsernameParamDto, UserSearchDto } from '../dto/moderation.dto.js';
import { AdminUsersService } from './admin-users.service.js';

@ApiTags('admin')
@Controller('admin/users')
@Auth({ roles: ['admin'] })
export class AdminUsersController {
  constructor(private readonly admin: AdminUsersService) {}

  @Get()
  list(@Query() query: UserSearchDto): Promise<AdminUserList> {
    return this.admin.find(query.q, { cursor: query.cursor, limit: query.limit });
  }

  @Put(':username/role')
  setRole(
    @CurrentUser() user: AuthUser,
    @Param() params: UsernameParamDto,
    @Body() dto: RoleDto,
  ): Promise<AdminUserView> {
    return this.admin.setRole(params.username, dto.role, user);
  }

  @Put(':username/suspension')
  suspend(
    @CurrentUser() user: AuthUser,
    @Param() params: UsernameParamDto,
    @Body() dto: SuspendUserDto,
  ): Promise<AdminUserView> {
    return this.admin.suspend(params.username, dto, user);
  }

  @Delete(':username/suspension')
  lift(@CurrentUser() user: AuthUser, @Param() params: UsernameParamDto): Promise<AdminUserView> {
    return this.admin.liftSuspension(params.username, user);
  }
}
