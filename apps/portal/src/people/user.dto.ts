import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { PortalUserEntity } from '../persistence/portal-entities';
import { USERNAME_PATTERN } from './user-names';

export class CreateUserDto {
  @ApiProperty({ example: 'alice' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username: letters, digits, ".", "_", "@", "-", at most 64' })
  username!: string;

  @ApiProperty({ description: '12 to 128 characters' })
  @IsString()
  @Length(12, 128)
  password!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 128) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @Length(0, 128) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isSuperAdmin?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, 128) currentPassword!: string;
  @ApiProperty({ description: '12 to 128 characters' }) @IsString() @Length(12, 128) newPassword!: string;
}

export class SetUserEnabledDto {
  @ApiProperty({ description: 'false disables the account: its sessions end and it cannot sign in' })
  @IsBoolean()
  enabled!: boolean;
}

export class UserDto {
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty() isSuperAdmin!: boolean;
  @ApiProperty() isEnabled!: boolean;
}

export function toUserDto(user: PortalUserEntity): UserDto {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    isSuperAdmin: user.isSuperAdmin,
    isEnabled: user.isEnabled,
  };
}

export class TransferOwnerDto {
  @ApiProperty({ example: 'bob', description: 'An enabled portal user' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'ownerName: letters, digits, ".", "_", "@", "-", at most 64' })
  ownerName!: string;
}

export class OwnerTransferDto {
  @ApiProperty() appId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty({ description: 'The environments whose app now has that owner' }) environments!: string[];
  @ApiProperty({ description: 'Environments that did not answer: the app there keeps its owner' })
  unreachable!: string[];
}
